/**
 * Invitations by a territory's admin: the link is emailed (never answered),
 * lives 7 days and works once; the admin lists, resends (old link dead) and
 * revokes within its own territory only; an address with an account in
 * another territory gets the same answer as a new one; accepting is limited
 * per IP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../server/auth/email-tokens";
import { countAccounts, useInvitation } from "../../server/store/account-store";
import { findTerritory } from "../../server/store/territory-store";
import { ORIGIN, setupHttp, type Client } from "../helpers/http-setup";
import { nextMail, tokenIn } from "../helpers/outbox";
import { smtpDelivery } from "../helpers/smtp-delivery";

let http: Awaited<ReturnType<typeof setupHttp>>;
let admin: Client;
let foreignAdmin: Client;
beforeAll(async () => { http = await setupHttp(); });
afterAll(async () => { await http.cleanup(); });

const PASSWORD = "le mot de passe choisi";
type Summary = { id: string; email: string; role: string; expiresAt: string };
type Item = Summary & { organisationId: string | null; createdAt: string; status: string };
/** Moves the clock (each test in its own window) and signs the admins in again (their sessions expire after 2 idle hours). */
async function at(day: number, hour = 8): Promise<void> {
  http.clock.set(`2026-06-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`);
  [admin, foreignAdmin] = [await http.login("admin"), await http.login("foreignAdmin")];
}
const invite = (body: Record<string, unknown>, by = admin) => by.request("POST", "/api/invitations", body);
const accept = (token: string, displayName = "Dominique Invitée") => http.anonymous.request("POST", "/api/invitations/accept", { token, displayName, password: PASSWORD });
const inspect = (token: string) => http.anonymous.request("POST", "/api/invitations/inspect", { token });
const tokenFor = async (email: string) => tokenIn((await nextMail(http.database.db, email, "invitation")).text, "/invitation");
const items = async (by = admin) => ((await (await by.request("GET", "/api/invitations")).json()) as { items: Item[] }).items;

describe("invitations", () => {
  it("emails the one-time link, answers only its id, shows what it offers, and creates the account once", async () => {
    await at(2);
    const res = await invite({ email: "Nouvelle.Instructrice@Exemple.fr", role: "instructor" });
    expect(res.status).toBe(201);
    const summary = (await res.json()) as Summary;
    expect(summary).toEqual({ id: expect.any(String), email: "nouvelle.instructrice@exemple.fr", role: "instructor", expiresAt: "2026-06-09T08:00:00.000Z" });
    const mail = await nextMail(http.database.db, summary.email, "invitation");
    expect(mail.subject).toMatch(/^Invitation à rejoindre Guichet/);
    expect(mail.text).toContain("admin vous invite");
    expect(mail.text).toContain("instruction des dossiers");
    expect(mail.text).toContain("Ce lien expire dans 7 jours");
    const token = tokenIn(mail.text, "/invitation");
    expect(mail.text).toContain(`${ORIGIN}/invitation#${token}`);
    expect(summary.id).toBe(sha256(token));

    const territoryName = (await findTerritory(http.database.db.kysely, "63"))!.name;
    expect(await (await inspect(token)).json()).toEqual({ email: summary.email, role: "instructor", organisationName: null, territoryName });
    const accepted = await accept(token);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ account: { email: summary.email, role: "instructor", territoryCode: "63" } });
    expect((await accept(token)).status).toBe(404);
    expect((await inspect(token)).status).toBe(404);
    expect((await items()).find((i) => i.id === summary.id)?.status).toBe("used");
  });

  it("names the organisation of a manager's invitation", async () => {
    await at(2, 9);
    expect((await invite({ email: "gestion@exemple.fr", role: "manager", organisationId: http.setup.orgB.id })).status).toBe(201);
    const mail = await nextMail(http.database.db, "gestion@exemple.fr", "invitation");
    expect(mail.subject).toBe("Invitation à rejoindre Association Les Petits Pas sur Guichet");
    const offer = await (await inspect(tokenIn(mail.text, "/invitation"))).json();
    expect(offer).toMatchObject({ role: "manager", organisationName: "Association Les Petits Pas" });
  });

  it("answers an address with an account in another territory exactly like a new one; only its owner meets the refusal", async () => {
    await at(2, 10);
    const foreign = http.accounts.foreignInstructor!.email;
    const [existing, fresh] = [await invite({ email: foreign, role: "committee" }), await invite({ email: "jamais-vue@exemple.fr", role: "committee" })];
    expect(existing.status).toBe(fresh.status);
    const [a, b] = [(await existing.json()) as Summary, (await fresh.json()) as Summary];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect({ ...a, id: "", email: "" }).toEqual({ ...b, id: "", email: "" });
    const accounts = await countAccounts(http.database.db.kysely);
    const refused = await accept(await tokenFor(foreign));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "wrong_state", detail: expect.stringMatching(/^Un compte existe déjà pour cette adresse : connectez-vous/) });
    expect(await countAccounts(http.database.db.kysely)).toBe(accounts);

    const local = await invite({ email: http.accounts.committee!.email, role: "instructor" });
    expect(local.status).toBe(422);
    expect(((await local.json()) as { errors: Array<{ pointer: string }> }).errors).toEqual([expect.objectContaining({ pointer: "/email" })]);
  });

  it("lists the territory's invitations with their status, resends with a new link (the old one dead), and revokes", async () => {
    await at(3);
    const sent = (await (await invite({ email: "a-renvoyer@exemple.fr", role: "committee" })).json()) as Summary;
    const oldToken = await tokenFor(sent.email);
    const revoked = (await (await invite({ email: "a-revoquer@exemple.fr", role: "committee" })).json()) as Summary;
    const revokedToken = await tokenFor(revoked.email);
    const foreignSent = (await (await invite({ email: "ailleurs@exemple.fr", role: "instructor" }, foreignAdmin)).json()) as Summary;

    const listed = await items();
    expect(listed.find((i) => i.id === sent.id)).toEqual({ ...sent, organisationId: null, createdAt: "2026-06-03T08:00:00.000Z", status: "pending" });
    expect(listed.map((i) => i.email)).not.toContain("ailleurs@exemple.fr");
    expect((await items(foreignAdmin)).map((i) => i.email)).toEqual(["ailleurs@exemple.fr"]);

    await at(4);
    expect((await foreignAdmin.request("POST", `/api/invitations/${sent.id}/resend`, {})).status).toBe(404);
    const again = await admin.request("POST", `/api/invitations/${sent.id}/resend`, {});
    expect(again.status).toBe(200);
    const renewed = (await again.json()) as Summary;
    expect(renewed).toMatchObject({ email: sent.email, role: "committee", expiresAt: "2026-06-11T08:00:00.000Z" });
    expect(renewed.id).not.toBe(sent.id);
    const newToken = await tokenFor(sent.email);
    expect(renewed.id).toBe(sha256(newToken));
    expect((await inspect(oldToken)).status).toBe(404);
    expect((await accept(oldToken)).status).toBe(404);
    expect((await admin.request("POST", `/api/invitations/${sent.id}/resend`, {})).status).toBe(404);

    expect((await foreignAdmin.request("DELETE", `/api/invitations/${revoked.id}`)).status).toBe(404);
    expect((await admin.request("DELETE", `/api/invitations/${foreignSent.id}`)).status).toBe(404);
    expect((await admin.request("DELETE", `/api/invitations/${revoked.id}`)).status).toBe(204);
    expect((await admin.request("DELETE", `/api/invitations/${revoked.id}`)).status).toBe(204);
    expect((await inspect(revokedToken)).status).toBe(404);
    expect((await accept(revokedToken)).status).toBe(404);
    expect((await admin.request("POST", `/api/invitations/${revoked.id}/resend`, {})).status).toBe(409);

    expect((await accept(newToken)).status).toBe(200);
    expect((await admin.request("POST", `/api/invitations/${renewed.id}/resend`, {})).status).toBe(409);
    expect((await admin.request("DELETE", `/api/invitations/${renewed.id}`)).status).toBe(409);
    const statuses = Object.fromEntries((await items()).map((i) => [i.email, i.status]));
    expect(statuses).toMatchObject({ "a-renvoyer@exemple.fr": "used", "a-revoquer@exemple.fr": "revoked" });
  });

  it("lets a link expire after 7 days; resending an expired invitation opens it again", async () => {
    await at(5);
    const sent = (await (await invite({ email: "patiente@exemple.fr", role: "instructor" })).json()) as Summary;
    const token = await tokenFor(sent.email);
    await at(12, 8);
    http.clock.set("2026-06-12T08:00:01Z");
    expect((await inspect(token)).status).toBe(404);
    expect((await accept(token)).status).toBe(404);
    expect((await items()).find((i) => i.id === sent.id)?.status).toBe("expired");
    const renewed = (await (await admin.request("POST", `/api/invitations/${sent.id}/resend`, {})).json()) as Summary;
    expect((await items()).find((i) => i.id === renewed.id)?.status).toBe("pending");
    expect((await accept(await tokenFor(sent.email))).status).toBe(200);
  });

  it("delivers the invitation over SMTP, whose link creates the account", async () => {
    await at(25);
    const smtp = await smtpDelivery(http.database.db, http.clock.fn);
    try {
      expect((await invite({ email: "par-smtp@exemple.fr", role: "committee" })).status).toBe(201);
      const mail = await smtp.receive("par-smtp@exemple.fr", /^Invitation à rejoindre Guichet/);
      expect(mail.text).toContain("comité de décision");
      const link = smtp.mailbox.linkIn(mail);
      expect(link).toMatch(new RegExp(`^${ORIGIN}/invitation#[A-Za-z0-9_-]{43}$`));
      const accepted = await accept(link.split("#")[1]!);
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({ account: { email: "par-smtp@exemple.fr", role: "committee", territoryCode: "63" } });
    } finally {
      await smtp.close();
    }
  });

  it("limits acceptances to 20 per 15 minutes per IP", async () => {
    await at(20);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await accept("y".repeat(43))).status);
    expect(statuses).toEqual([...Array(20).fill(404), 429]);
    await at(20, 9);
    expect((await accept("y".repeat(43))).status).toBe(404);
  });

  it("revokes the address's earlier pending invitation of the territory when inviting it again: only the last link works", async () => {
    await at(21);
    expect((await invite({ email: "deux-fois@exemple.fr", role: "committee" })).status).toBe(201);
    const first = await tokenFor("deux-fois@exemple.fr");
    const again = (await (await invite({ email: "deux-fois@exemple.fr", role: "instructor" })).json()) as Summary;
    const second = await tokenFor("deux-fois@exemple.fr");
    expect((await items()).filter((i) => i.email === "deux-fois@exemple.fr").map((i) => [i.role, i.status])).toEqual([["instructor", "pending"], ["committee", "revoked"]]);
    expect((await accept(first)).status).toBe(404);
    const done = await accept(second);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { account: { role: string } }).account.role).toBe("instructor");
    expect(again.role).toBe("instructor");
  });

  it("never uses a revoked or expired invitation, even when it was read pending just before", async () => {
    await at(22);
    const db = http.database.db.kysely;
    for (const email of ["revoquee@exemple.fr", "expiree@exemple.fr"]) expect((await invite({ email, role: "committee" })).status).toBe(201);
    const [revoked, expired] = [sha256(await tokenFor("revoquee@exemple.fr")), sha256(await tokenFor("expiree@exemple.fr"))];
    const now = "2026-06-22T08:00:00.000Z";
    await db.updateTable("invitations").set({ revoked_at: now }).where("id", "=", revoked).execute();
    await db.updateTable("invitations").set({ expires_at: now }).where("id", "=", expired).execute();
    expect([await useInvitation(db, revoked, now), await useInvitation(db, expired, now)]).toEqual([false, false]);
    expect(await db.selectFrom("invitations").select("used_at").where("id", "in", [revoked, expired]).execute()).toEqual([{ used_at: null }, { used_at: null }]);
  });

  it("invites the first manager of an organisation without an active owner as its owner, the next ones as members", async () => {
    await at(23);
    const created = await admin.request("POST", "/api/organisations", { name: "Association créée par l'administration" });
    expect(created.status).toBe(201);
    const { id: organisationId } = (await created.json()) as { id: string };
    const roles: Array<string | null> = [];
    for (const email of ["premiere@exemple.fr", "deuxieme@exemple.fr"]) {
      expect((await invite({ email, role: "manager", organisationId })).status).toBe(201);
      const done = await accept(await tokenFor(email));
      expect(done.status).toBe(200);
      roles.push(((await done.json()) as { account: { organisationRole: string | null } }).account.organisationRole);
    }
    expect(roles).toEqual(["owner", "member"]);
  });
});
