/**
 * The flow shared by the requests that email a one-time link to an address
 * anyone may type (sign-up, forgotten password): limited per IP first (429),
 * then per address — an address over its quota gets the usual answer and no
 * email, so that nobody can block a victim's link with a 429 nor learn
 * anything from it; then, in one transaction and under an even time, the
 * address's earlier links of that purpose die and one email is written.
 */
import type { Email } from "./account-emails";
import type { Executor } from "../store/dossier-store";
import { enqueueEmail } from "../mail/outbox";
import { findAccountByEmail, type AccountRow } from "../store/account-store";
import type { Db } from "../store/database";
import { EVEN_ANSWER_MS, takingAtLeast } from "./even-timing";
import { enforceLimit, withinLimit, type Limit } from "./rate-limit";
import { revokeEmailTokens } from "./email-tokens";

export type EmailRequest = {
  /** The token purpose whose earlier links die ("signup", "password_reset"). */
  purpose: string;
  perIp: { key: string; limit: Limit; message: string };
  perAddress: { key: string; limit: Limit };
  /** The email for the address, knowing its account (or its absence); may issue a token in `trx`. */
  compose: (trx: Executor, account: AccountRow | undefined) => Promise<Email>;
};

/** Runs the flow for `email`; resolves (the caller answers 202) unless the IP is over its limit. */
export async function requestEmailLink(db: Db, email: string, now: Date, request: EmailRequest): Promise<void> {
  const address = email.trim().toLowerCase();
  await enforceLimit(db.kysely, request.perIp.key, request.perIp.limit, now, request.perIp.message);
  await takingAtLeast(EVEN_ANSWER_MS, async () => {
    if (!(await withinLimit(db.kysely, request.perAddress.key, request.perAddress.limit, now)).ok) return;
    await db.kysely.transaction().execute(async (trx) => {
      const account = await findAccountByEmail(trx, address);
      await revokeEmailTokens(trx, address, request.purpose, now);
      await enqueueEmail(trx, { to: address, ...(await request.compose(trx, account)) }, now);
    });
  });
}
