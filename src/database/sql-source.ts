// SQL functions and triggers are source code, not migration history: each lives in a .sql file beside the TypeScript
// it serves and is applied at every start after the migrations (CREATE OR REPLACE), so a rule is changed by editing
// it in one place. The build copies the files next to the compiled code.
import { readFileSync } from 'node:fs';
import type { QueryRunner } from 'typeorm';

/**
 * Paths under src/, in the order they are applied: a LANGUAGE sql function is checked when it is created, so what it
 * calls must already exist (PL/pgSQL bodies are only checked when they run). A function whose signature changes, or
 * that is removed, is dropped by a migration.
 */
export const SQL_SOURCES = [
  'event-store/event-log.sql',
  'event-store/write-locks.sql',
  'idempotency/idempotency-keys.sql',
  'event-store/stream-append.sql',
  'fx/fx-rates.sql',
  'deals/deal-stream.sql',
  'deals/projections/company-names.sql',
  'companies/company-views.sql',
  'deals/projections/deal-views.sql',
  'report-totals/report-totals.sql',
  'deals/commands/deal-append.sql',
  'deals/commands/deal-write-load.sql',
] as const;

export function sqlSourceText(path: (typeof SQL_SOURCES)[number]): string {
  return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
}

/** Applies every file in order on the runner (inside the caller's transaction: all or nothing). Idempotent. */
export async function applySqlSource(runner: QueryRunner): Promise<void> {
  for (const path of SQL_SOURCES) await runner.query(sqlSourceText(path));
}
