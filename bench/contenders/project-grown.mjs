// The project on a grown database: a log of 5,000,000 events (1,000,000 deals of five events, dated over 2015-2025)
// seeded and rebuilt into the views first, so an append meets the indexes and tables of years of history.
import { seedLog } from '../lib/seed-log.mjs';
import { open as openProject } from './project.mjs';

export const GROWN_EVENTS = Number(process.env.BENCH_GROWN_EVENTS ?? 5_000_000);

export async function open(url, options) {
  const project = await openProject(url, options);
  await seedLog(project.query, 'project', GROWN_EVENTS);
  await project.rebuild();
  await project.query('VACUUM ANALYZE');
  const [{ seeded }] = await project.query('SELECT max(global_position) AS seeded FROM events');
  // The audit reads back what the workload wrote: the events after the seeded ones (new deals only).
  return { ...project, auditSql: `${project.auditSql} AND global_position > ${Number(seeded)}` };
}
