/** A name quoted as an SQL identifier (schemas a rebuild creates, tables it copies). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
