/**
 * The audit chain: each event's hash is SHA-256 over the previous hash and
 * the event's canonical JSON (keys sorted), so that changing, removing or
 * reordering any event breaks every later link.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export type AuditPayload = {
  dossierId: string;
  seq: number;
  at: string;
  actorId: string;
  actorRole: string;
  event: string;
  fromState: string | null;
  toState: string;
  input: string;
  ruleResults: string;
  dataDiff: string;
};

export function auditHash(prevHash: string, payload: AuditPayload): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(payload)).digest("hex");
}
