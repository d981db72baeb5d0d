/**
 * The limits of the flows that anyone may call without being signed in
 * (sign-up, password reset, invitations): fixed windows counted atomically in
 * `rate_limits`, one key per IP or per address. A refusal is a
 * `TooManyAttempts` (429 with Retry-After), checked before any costly work.
 */
import type { Executor } from "../store/dossier-store";
import { hitRateLimit } from "../store/account-store";
import { TooManyAttempts } from "./accounts";

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

/** Counts one hit for `key` and refuses with `message` once the window's maximum is passed. */
export async function enforceLimit(db: Executor, key: string, limit: Limit, now: Date, message: string): Promise<void> {
  const windowMs = limit.windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const count = await hitRateLimit(db, key, new Date(start).toISOString());
  if (count > limit.max) throw new TooManyAttempts(Math.ceil((start + windowMs - now.getTime()) / 1000), message);
}
