// Text that goes into SQL statements.

/** A name quoted as an SQL identifier (schemas a rebuild creates, tables it copies). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A LIKE pattern matching `text` anywhere: `%`, `_` and `\` in it are literal characters, not wildcards. */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
