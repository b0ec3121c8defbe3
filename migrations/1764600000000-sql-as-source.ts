import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQL functions and triggers are source code from here on (the .sql files under src/, applied at every start after the
 * migrations), no longer created by migrations. This drops the one function earlier migrations created that the
 * source no longer defines, adds the row type the report totals pass around, and records which version of the
 * projections built the read tables (a database upgraded from an earlier release has none: its read tables are
 * rebuilt at the next start).
 */
export class SqlAsSource1764600000000 implements MigrationInterface {
  name = 'SqlAsSource1764600000000';

  async up(db: QueryRunner): Promise<void> {
    // Replaced by stream_append (src/event-store/stream-append.sql).
    await db.query('DROP FUNCTION IF EXISTS deal_append(jsonb)');
    // What a deal_views row counts for in the report totals, signed (src/report-totals/report-totals.sql).
    await db.query(`
      CREATE TYPE report_change AS (
        status         text,
        acquirer_id    uuid,
        announced_on   date,
        closed_on      date,
        value_amount   numeric,
        value_currency text,
        value_usd      numeric,
        sign           integer
      )`);
    // One row: the version of the projections the read tables were last built with.
    await db.query(`
      CREATE TABLE read_tables_version (
        one        boolean     PRIMARY KEY DEFAULT true CHECK (one),
        version    integer     NOT NULL,
        built_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE read_tables_version');
    await db.query('DROP TYPE report_change CASCADE');
  }
}
