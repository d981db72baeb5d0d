/**
 * What every dossier operation needs: the database, the clock (injectable for
 * tests) and the cache of compiled procedure versions.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../store/database";
import type { VersionRegistry } from "./version-registry";

export type Clock = () => Date;

export type EngineContext = { db: Db; clock: Clock; registry: VersionRegistry };

/** A time-ordered UUID (version 7), so that ids sort by creation for keyset pagination. */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  let ts = BigInt(now);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(ts & 0xffn);
    ts >>= 8n;
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True for a primary-key or unique violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === "23505" || (typeof e?.code === "string" && e.code.startsWith("SQLITE_CONSTRAINT"));
}
