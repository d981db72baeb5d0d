/**
 * Whether Guichet runs in production: NODE_ENV=production, or a PostgreSQL
 * database (DATABASE_URL set). Production never seeds demo accounts nor moves
 * the clock, requires PUBLIC_ORIGIN, and never prints an emailed link.
 */
export function isProduction(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === "production" || env.DATABASE_URL !== undefined;
}
