/** PostgreSQL's SQLSTATE for a unique violation; node-postgres and PGlite both expose it as `code`. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated, message } = error as { code?: string; constraint?: string; message?: string };
  if (code !== '23505') return false;
  // PGlite leaves `constraint` empty; the index name is always in the message.
  return constraint === undefined || violated === constraint || (message ?? '').includes(`"${constraint}"`);
}
