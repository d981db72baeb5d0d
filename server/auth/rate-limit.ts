/**
 * The limits of the flows that anyone may call without being signed in
 * (sign-up, password reset, invitations): fixed windows counted atomically in
 * `rate_limits`, one key per IP or per address. A refusal is a
 * `TooManyAttempts` (429 with Retry-After), checked before any costly work.
 */
import type { Executor } from "../store/dossier-store";
import { hitRateLimit } from "../store/account-store";

/** A refusal for too many attempts: 429 with Retry-After. */
export class TooManyAttempts extends Error {
  constructor(readonly retryAfterSeconds: number, message: string) {
    super(message);
  }
}

export type Limit = { max: number; windowMinutes: number };

/** The default limits; each can be replaced through the options of the flow. */
export const LIMITS = {
  /** Sign-up emails asked from one IP, and for one address. */
  signupPerIp: { max: 10, windowMinutes: 15 },
  signupPerAddress: { max: 3, windowMinutes: 60 },
  /** Password-reset emails asked from one IP, and for one address. */
  forgotPerIp: { max: 10, windowMinutes: 15 },
  forgotPerAddress: { max: 3, windowMinutes: 60 },
  /** Uses of an emailed link that set a password (and so hash it), per IP. */
  signupCompletePerIp: { max: 20, windowMinutes: 15 },
  passwordResetPerIp: { max: 20, windowMinutes: 15 },
  invitationAcceptPerIp: { max: 20, windowMinutes: 15 },
} satisfies Record<string, Limit>;

export type Limits = typeof LIMITS;

/** The fixed window `now` falls in (its start, as stored) and the seconds until it ends. */
export function fixedWindow(now: Date, windowMinutes: number): { window: string; retryAfter: number } {
  const windowMs = windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { window: new Date(start).toISOString(), retryAfter: Math.ceil((start + windowMs - now.getTime()) / 1000) };
}

/** Counts one hit for `key`: whether it is still within the window's maximum, and the seconds until the window ends. */
export async function withinLimit(db: Executor, key: string, limit: Limit, now: Date): Promise<{ ok: boolean; retryAfter: number }> {
  const { window, retryAfter } = fixedWindow(now, limit.windowMinutes);
  return { ok: (await hitRateLimit(db, key, window)) <= limit.max, retryAfter };
}

/** Counts one hit for `key` and refuses with `message` once the window's maximum is passed. */
export async function enforceLimit(db: Executor, key: string, limit: Limit, now: Date, message: string): Promise<void> {
  const { ok, retryAfter } = await withinLimit(db, key, limit, now);
  if (!ok) throw new TooManyAttempts(retryAfter, message);
}
