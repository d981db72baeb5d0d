/**
 * Asking to join an organisation, and its owners' decision. A manager
 * without organisation has at most one pending request (its account row is
 * locked while checking); every owner is emailed of a request, the
 * requester of the decision, in the transaction of the change. Approving
 * attaches the account as a member, with the organisation's territory.
 * An organisation without an active owner takes no request (nobody could
 * answer it); the requester sees its pending request and may withdraw it.
 */
import type { PublicAccount } from "../auth/accounts";
import { uuidv7 } from "../dossiers/context";
import { Refusal } from "../engine/decide-transition";
import { AppError } from "../http/problem";
import { enqueueEmail } from "../mail/outbox";
import { findAccount } from "../store/account-store";
import type { Db } from "../store/database";
import {
  attachAccount, closeJoinRequest, countOwners, findJoinRequest, insertJoinRequest, lockAccountWithoutOrganisation, lockOrganisation, ownerEmails,
  pendingJoinRequestOf, pendingJoinRequests,
} from "../store/organisation-store";
import { alreadyInOrganisation, checkReader, loadOrganisation, requireOwner, requireWithoutOrganisation } from "./access";
import { joinDecisionEmail, joinRequestEmail } from "./organisation-emails";

export type Deps = { db: Db; clock: () => Date };
export type JoinRequestView = { id: string; accountId: string; displayName: string; email: string; message: string | null; createdAt: string };
export type OwnJoinRequest = { id: string; organisationId: string; organisationName: string; createdAt: string };

export async function requestToJoin(deps: Deps, account: PublicAccount, organisationId: string, message: string | undefined, origin: string): Promise<{ id: string; status: "pending" }> {
  const now = deps.clock();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const org = await loadOrganisation(trx, organisationId);
    const requester = await requireWithoutOrganisation(trx, account.id);
    if (!(await lockAccountWithoutOrganisation(trx, account.id))) throw alreadyInOrganisation();
    const pending = await pendingJoinRequestOf(trx, account.id);
    if (pending) {
      const other = await loadOrganisation(trx, pending.organisation_id);
      throw new AppError("join_request_pending", 409, "Demande déjà en attente",
        `Vous avez déjà une demande en attente pour rejoindre « ${other.name} » : attendez la réponse de ses propriétaires.`);
    }
    if ((await countOwners(trx, org.id)) === 0) {
      throw new Refusal("input", `L'organisation « ${org.name} » n'a pas encore de responsable pour accepter votre demande : contactez l'administrateur de son territoire, qui peut vous y inviter.`);
    }
    const id = uuidv7(now.getTime());
    const text = message?.trim() ? message.trim() : null;
    await insertJoinRequest(trx, { id, organisation_id: org.id, account_id: account.id, message: text, status: "pending", created_at: now.toISOString(), decided_at: null, decided_by: null });
    const email = joinRequestEmail({ organisationName: org.name, requesterName: requester.display_name, requesterEmail: requester.email, message: text, url: `${origin}/organisation` });
    for (const to of await ownerEmails(trx, org.id)) await enqueueEmail(trx, { ...email, to }, now);
    return { id, status: "pending" as const };
  });
}

/** The organisation's pending requests, for its owners. */
export async function listJoinRequests(deps: Deps, account: PublicAccount, organisationId: string): Promise<JoinRequestView[]> {
  const org = await loadOrganisation(deps.db.kysely, organisationId);
  checkReader(account, org);
  await requireOwner(deps.db.kysely, account.id, org.id);
  return (await pendingJoinRequests(deps.db.kysely, org.id)).map((r) => ({
    id: r.id, accountId: r.account_id, displayName: r.display_name, email: r.email, message: r.message, createdAt: r.created_at,
  }));
}

export async function decideJoinRequest(deps: Deps, account: PublicAccount, requestId: string, decision: "approve" | "refuse", origin: string): Promise<{ id: string; status: "approved" | "refused" }> {
  const now = deps.clock();
  const outcome = await deps.db.kysely.transaction().execute(async (trx) => {
    const request = await findJoinRequest(trx, requestId);
    if (!request || account.role !== "manager" || account.organisationId !== request.organisation_id) throw new Refusal("not_found", "Demande introuvable.");
    const org = await loadOrganisation(trx, request.organisation_id);
    await lockOrganisation(trx, org.id);
    await requireOwner(trx, account.id, org.id);
    if (request.status !== "pending") throw new Refusal("conflict", "Cette demande a déjà été traitée.");
    const requester = await findAccount(trx, request.account_id);
    if (decision === "approve" && !(requester && requester.status === "active" && (await attachAccount(trx, requester.id, org, "member")))) {
      await closeJoinRequest(trx, request.id, "cancelled", now.toISOString(), account.id);
      return "cancelled" as const;
    }
    const status = decision === "approve" ? "approved" as const : "refused" as const;
    if (!(await closeJoinRequest(trx, request.id, status, now.toISOString(), account.id))) throw new Refusal("conflict", "Cette demande a déjà été traitée.");
    if (requester) {
      await enqueueEmail(trx, { ...joinDecisionEmail({ organisationName: org.name, approved: status === "approved", url: `${origin}/organisation` }), to: requester.email }, now);
    }
    return status;
  });
  if (outcome === "cancelled") throw new Refusal("conflict", "Cette personne fait déjà partie d'une organisation (ou son compte est désactivé) : la demande est close.");
  return { id: requestId, status: outcome };
}

/** The caller's pending request, if any (what the page shows instead of « create or join »). */
export async function ownJoinRequest(deps: Deps, account: PublicAccount): Promise<OwnJoinRequest | null> {
  const pending = await pendingJoinRequestOf(deps.db.kysely, account.id);
  if (!pending) return null;
  const org = await loadOrganisation(deps.db.kysely, pending.organisation_id);
  return { id: pending.id, organisationId: org.id, organisationName: org.name, createdAt: pending.created_at };
}

/** The requester withdraws its pending request (status « cancelled »). */
export async function withdrawJoinRequest(deps: Deps, account: PublicAccount, requestId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const request = await findJoinRequest(trx, requestId);
    if (!request || request.account_id !== account.id) throw new Refusal("not_found", "Demande introuvable.");
    if (!(await closeJoinRequest(trx, request.id, "cancelled", now.toISOString(), account.id))) {
      throw new Refusal("wrong_state", "Cette demande a déjà reçu une réponse ou a été retirée.");
    }
  });
}
