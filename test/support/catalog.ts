// What a database's schema consists of, as text that compares equal when two databases have the same tables,
// columns, constraints, indexes, types, functions and triggers (in the app's schema; data is not included).
import type { DataSource, EntityManager } from 'typeorm';

const CATALOG = `
  WITH ns AS (SELECT current_schema()::regnamespace AS oid)
  SELECT json_build_object(
    'tables', (
      SELECT json_object_agg(c.relname, (
        SELECT json_agg(json_build_object('column', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
          'notNull', a.attnotnull, 'identity', a.attidentity, 'default', pg_get_expr(d.adbin, d.adrelid)) ORDER BY a.attnum)
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) ORDER BY c.relname)
      FROM pg_class c, ns WHERE c.relnamespace = ns.oid AND c.relkind IN ('r', 'c')),
    'sequences', (SELECT json_agg(c.relname ORDER BY c.relname) FROM pg_class c, ns WHERE c.relnamespace = ns.oid AND c.relkind = 'S'),
    'constraints', (
      SELECT json_agg(json_build_object('table', conrelid::regclass::text, 'name', conname, 'definition', pg_get_constraintdef(k.oid))
        ORDER BY conrelid::regclass::text, conname)
      FROM pg_constraint k, ns WHERE k.connamespace = ns.oid),
    'indexes', (SELECT json_agg(indexdef ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema()),
    'functions', (
      SELECT json_agg(pg_get_functiondef(p.oid) ORDER BY p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p, ns WHERE p.pronamespace = ns.oid),
    'triggers', (
      SELECT json_agg(pg_get_triggerdef(t.oid) ORDER BY t.tgrelid::regclass::text, t.tgname)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid, ns WHERE c.relnamespace = ns.oid AND NOT t.tgisinternal)
  ) AS catalog`;

/** Every row of every table in the app's schema, as text: equal when two databases hold the same data. */
export async function contentsOf(db: DataSource | EntityManager): Promise<Record<string, string>> {
  const tables: { name: string }[] = await db.query(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' ORDER BY 1`,
  );
  const contents: Record<string, string> = {};
  for (const { name } of tables) {
    const [{ rows }] = await db.query(`SELECT coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '') AS rows FROM "${name}" x`);
    contents[name] = rows;
  }
  return contents;
}

export async function catalogOf(db: DataSource | EntityManager): Promise<Record<string, unknown>> {
  const [{ catalog }] = await db.query(CATALOG);
  return catalog;
}
