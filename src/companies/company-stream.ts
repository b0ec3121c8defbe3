// How a company's facts and merges live in the log: one stream per company (company-<companyId>).
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../event-store/stored-event.js';

/** Replays one event of a company's stream into the read tables (project_company_event, company-views.sql). */
export async function projectCompanyEvent(manager: EntityManager, event: StoredEvent): Promise<void> {
  await manager.query('SELECT project_company_event(substr($1, 9)::uuid, $2, $3::jsonb, $4, $5::timestamptz)', [
    event.streamId,
    event.type,
    JSON.stringify(event.data),
    event.version,
    event.recordedAt,
  ]);
}
