/**
 * The emailed-link flows on every database (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set), without HTTP: a link used twice at the same
 * moment works once, a resent invitation changes its row's id, revoking and
 * the other-sessions cleanup touch only what they should, and the limiter's
 * counter is exact under concurrent hits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, TooManyAttempts } from "../../server/auth/accounts";
import { sha256 } from "../../server/auth/email-tokens";
import { createInvitations } from "../../server/auth/invitations";
import { createPasswordReset } from "../../server/auth/password-reset";
import { enforceLimit } from "../../server/auth/rate-limit";
import { createSignup } from "../../server/auth/signup";
import { ensureTerritory } from "../../server/store/territory-store";
import { insertOrganisation } from "../../server/store/dossier-store";
import { linkAccount } from "../../server/auth/proconnect-link";
import { inviteMember } from "../../server/organisations/members";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { movableClock } from "../helpers/engine-setup";
import { nextMail, tokenIn } from "../helpers/outbox";

const ORIGIN = "https://guichet.exemple.fr";
const PASSWORD = "un mot de passe assez long";

describe.each(DATABASES)("emailed links on $name", (kind) => {
  let database: TestDatabase;
  const clock = movableClock("2026-06-01T08:00:00Z");
  let auth: ReturnType<typeof createAuth>;
  beforeAll(async () => {
    database = await kind.create();
    auth = createAuth({ db: database.db, clock: clock.fn });
    await ensureTerritory(database.db.kysely, { code: "15", name: "Cantal", created_at: clock.now.toISOString() });
  });
  afterAll(async () => { await database.cleanup(); });

  it("completes a sign-up once when its link is used twice at the same moment", async () => {
    const signup = createSignup({ db: database.db, auth });
    await signup.request("double@exemple.fr", "ip-1", ORIGIN);
    const token = tokenIn((await nextMail(database.db, "double@exemple.fr")).text, "/inscription/verifier");
    const outcomes = await Promise.allSettled([0, 1].map(() => signup.complete({ token, displayName: "Double", password: PASSWORD }, "ip-1")));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const accounts = await database.db.kysely.selectFrom("accounts").select(["role", "territory_code", "organisation_id"]).where("email", "=", "double@exemple.fr").execute();
    expect(accounts).toEqual([{ role: "manager", territory_code: "", organisation_id: null }]);
  });

  it("resets a password once and closes every session of the account", async () => {
    const account = await auth.createAccount({ email: "reset@exemple.fr", displayName: "Reset", password: PASSWORD, role: "instructor", territoryCode: "15" });
    await auth.login(account.email, PASSWORD, "ip-2");
    await auth.login(account.email, PASSWORD, "ip-2");
    const reset = createPasswordReset({ db: database.db, auth });
    await reset.forgot(account.email, "ip-2", ORIGIN);
    const token = tokenIn((await nextMail(database.db, account.email, "password_reset")).text, "/mot-de-passe/nouveau");
    const outcomes = await Promise.allSettled([0, 1].map((i) => reset.reset({ token, password: `nouveau mot de passe ${i}` }, "ip-2", ORIGIN)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const sessions = await database.db.kysely.selectFrom("sessions").select("id").where("account_id", "=", account.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it("gives a resent invitation a new id and kills the old link; revokes only the territory's own", async () => {
    const admin = await auth.createAccount({ email: "admin@exemple.fr", displayName: "Admin Cantal", password: PASSWORD, role: "admin", territoryCode: "15" });
    const other = await auth.createAccount({ email: "autre@exemple.fr", displayName: "Admin ailleurs", password: PASSWORD, role: "admin", territoryCode: "03" });
    const invitations = createInvitations({ db: database.db, clock: clock.fn });
    const sent = await invitations.invite(admin, { email: "invitee@exemple.fr", role: "committee" }, ORIGIN);
    const first = tokenIn((await nextMail(database.db, "invitee@exemple.fr")).text, "/invitation");
    expect(await invitations.inspect(first)).toEqual({ email: "invitee@exemple.fr", role: "committee", organisationName: null, territoryName: "Cantal" });
    const renewed = await invitations.resend(admin, sent.id, ORIGIN);
    const second = tokenIn((await nextMail(database.db, "invitee@exemple.fr")).text, "/invitation");
    expect(renewed.id).toBe(sha256(second));
    expect(await invitations.inspect(first)).toBeUndefined();
    await expect(invitations.revoke(other, renewed.id)).rejects.toMatchObject({ code: "not_found" });
    await invitations.revoke(admin, renewed.id);
    expect((await invitations.list(admin)).map((i) => [i.email, i.status])).toEqual([["invitee@exemple.fr", "revoked"]]);
    await expect(auth.acceptInvitation(second, "Invitée", PASSWORD)).rejects.toMatchObject({ code: "not_found" });
  });

  it("counts concurrent hits exactly: the limit lets through its maximum, no more", async () => {
    const now = clock.fn();
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => enforceLimit(database.db.kysely, "test-ip:concurrent", { max: 5, windowMinutes: 15 }, now, "trop")));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === "rejected").every((o) => (o as PromiseRejectedResult).reason instanceof TooManyAttempts)).toBe(true);
  });

  it("provisions a ProConnect sign-in from the staff's invitation before a newer one from an organisation's owner", async () => {
    const admin = await auth.createAccount({ email: "admin-priorite@exemple.fr", displayName: "Admin", password: PASSWORD, role: "admin", territoryCode: "15" });
    await insertOrganisation(database.db.kysely, { id: `org-priorite-${kind.name}`, name: "Crèche des Volcans", siret: null, legal_status: null, territory_code: "15", created_at: clock.now.toISOString() });
    const owner = await auth.createAccount({ email: "responsable@exemple.fr", displayName: "Responsable", password: PASSWORD, role: "manager", territoryCode: "15", organisationId: `org-priorite-${kind.name}`, organisationRole: "owner" });
    await createInvitations({ db: database.db, clock: clock.fn }).invite(admin, { email: "alice@exemple.fr", role: "instructor" }, ORIGIN);
    clock.set(new Date(clock.now.getTime() + 60_000).toISOString());
    await inviteMember({ db: database.db, clock: clock.fn }, owner, `org-priorite-${kind.name}`, "alice@exemple.fr", ORIGIN);
    clock.set(new Date(clock.now.getTime() + 60_000).toISOString());
    const account = await linkAccount(database.db, { provider: "proconnect", subject: "alice-sub", email: "alice@exemple.fr", emailVerified: true, displayName: "Alice" }, clock.fn());
    expect([account.role, account.organisation_id]).toEqual(["instructor", null]);
    const left = await database.db.kysely.selectFrom("invitations").select(["role", "used_at"]).where("email", "=", "alice@exemple.fr").orderBy("created_at").execute();
    expect(left.map((i) => [i.role, i.used_at !== null])).toEqual([["instructor", true], ["manager", false]]);
  });

  it("signs in both of two concurrent first ProConnect sign-ins of the same identity, linking it once", async () => {
    const existing = await auth.createAccount({ email: "simultanee@exemple.fr", displayName: "Simultanée", password: PASSWORD, role: "committee", territoryCode: "15" });
    const identity = { provider: "proconnect", subject: "simultanee-sub", email: "simultanee@exemple.fr", emailVerified: true, displayName: "Simultanée" };
    const outcomes = await Promise.allSettled([0, 1].map(() => linkAccount(database.db, identity, clock.fn())));
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value.id : String(o.reason)))).toEqual([existing.id, existing.id]);
    expect(await database.db.kysely.selectFrom("identities").select("account_id").where("subject", "=", "simultanee-sub").execute()).toEqual([{ account_id: existing.id }]);
  });
});
