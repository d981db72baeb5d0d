/**
 * Forgotten password (same answer for every address, a one-time link for an
 * active account, 1 hour), reset (every session of the account closed, a new
 * one opened, lockout lifted), and change while signed in (current password
 * checked under the lockout, other sessions closed, this one kept).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAccount } from "../../server/store/account-store";
import { ORIGIN, PASSWORD, setupHttp, type Client } from "../helpers/http-setup";
import { nextMail, outboxMails, tokenIn } from "../helpers/outbox";
import { smtpDelivery } from "../helpers/smtp-delivery";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp(); });
afterAll(async () => { await http.cleanup(); });

const NEW_PASSWORD = "un tout nouveau mot de passe";
const at = (hour: number, minute = 0) => http.clock.set(`2026-06-02T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
const forgot = (email: string) => http.anonymous.request("POST", "/api/password/forgot", { email });
const reset = (token: string, password = NEW_PASSWORD) => http.anonymous.request("POST", "/api/password/reset", { token, password });
const loginStatus = async (email: string, password: string) => (await http.anonymous.request("POST", "/api/auth/login", { email, password })).status;
const me = async (client: Client) => (await client.request("GET", "/api/auth/me")).status;

async function person(name: string): Promise<{ email: string; id: string }> {
  const account = await http.auth.createAccount({ email: `${name}@exemple.fr`, displayName: name, password: PASSWORD, role: "instructor", territoryCode: "63" });
  return { email: account.email, id: account.id };
}
/** A signed-in client of an account created by `person` (with `password`). */
async function signIn(email: string, password = PASSWORD): Promise<Client & { cookie: string; csrf: string }> {
  const res = await http.anonymous.request("POST", "/api/auth/login", { email, password });
  if (res.status !== 200) throw new Error(`connexion ${email} : ${res.status}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    name: email, cookie, csrf: csrfToken,
    raw: (path, init = {}) => Promise.resolve(http.app.request(path, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } })),
    request: (method, path, body) => Promise.resolve(http.app.request(path, {
      method, headers: { cookie, origin: ORIGIN, "x-csrf-token": csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })),
  };
}

describe("forgotten password", () => {
  it("emails a one-time link that sets a new password, closes every session of the account and opens a new one", async () => {
    at(1);
    const { email } = await person("oublieuse");
    const [laptop, phone] = [await signIn(email), await signIn(email)];
    const res = await forgot(email);
    expect(res.status).toBe(202);
    const mail = await nextMail(http.database.db, email, "password_reset");
    expect(mail.subject).toBe("Choisissez un nouveau mot de passe Guichet");
    expect(mail.text).toContain("Ce lien expire dans 1 heure");
    const token = tokenIn(mail.text, "/mot-de-passe/nouveau");

    const short = await reset(token, "court");
    expect(short.status).toBe(422);
    expect(((await short.json()) as { errors: Array<{ pointer: string }> }).errors).toEqual([expect.objectContaining({ pointer: "/password" })]);
    expect([await me(laptop), await me(phone)]).toEqual([200, 200]);

    const done = await reset(token);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ account: { email }, csrfToken: expect.any(String) });
    const cookie = done.headers.get("set-cookie")!.split(";")[0]!;
    expect([await me(laptop), await me(phone)]).toEqual([401, 401]);
    expect((await http.app.request("/api/auth/me", { headers: { cookie } })).status).toBe(200);
    expect(await loginStatus(email, PASSWORD)).toBe(403);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
    expect((await nextMail(http.database.db, email, "password_changed")).subject).toBe("Votre mot de passe Guichet a été modifié");
    expect((await reset(token, "encore un autre mot de passe")).status).toBe(404);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  });

  it("answers the same for an active, an unknown and a disabled address; only the active one gets a link", async () => {
    at(2);
    const active = await person("active");
    const disabled = await person("desactivee");
    await updateAccount(http.database.db.kysely, disabled.id, { status: "disabled" });
    const answers = [await forgot(active.email), await forgot("inconnue@exemple.fr"), await forgot(disabled.email)];
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(new Set(bodies).size).toBe(1);
    expect((await nextMail(http.database.db, active.email)).kind).toBe("password_reset");
    const none = await nextMail(http.database.db, "inconnue@exemple.fr");
    expect(none.kind).toBe("password_reset_no_account");
    expect(none.text).toContain(`${ORIGIN}/inscription`);
    const off = await nextMail(http.database.db, disabled.email);
    expect(off.kind).toBe("password_reset_disabled");
    expect(off.text).toMatch(/désactivé/);
    for (const mail of [none, off]) expect(mail.text).not.toContain("/mot-de-passe/nouveau");
    const tokens = await http.database.db.kysely.selectFrom("email_tokens").select("email").where("purpose", "=", "password_reset").where("email", "in", [disabled.email, "inconnue@exemple.fr"]).execute();
    expect(tokens).toEqual([]);
  });

  it("lets the link expire after 1 hour, dies when the account is disabled, and is replaced by a newer one", async () => {
    at(3);
    const { email, id } = await person("tardive");
    await forgot(email);
    const old = tokenIn((await nextMail(http.database.db, email)).text, "/mot-de-passe/nouveau");
    await forgot(email);
    const fresh = tokenIn((await nextMail(http.database.db, email)).text, "/mot-de-passe/nouveau");
    expect((await reset(old)).status).toBe(404);
    at(4, 1);
    expect((await reset(fresh)).status).toBe(404);
    at(5);
    await forgot(email);
    const third = tokenIn((await nextMail(http.database.db, email)).text, "/mot-de-passe/nouveau");
    await updateAccount(http.database.db.kysely, id, { status: "disabled" });
    expect((await reset(third)).status).toBe(404);
    await updateAccount(http.database.db.kysely, id, { status: "active" });
    expect(await loginStatus(email, PASSWORD)).toBe(200);
  });

  it("lifts the login lockout of the account", async () => {
    at(6);
    const { email } = await person("bloquee");
    for (let i = 0; i < 5; i++) expect(await loginStatus(email, `mauvais mot de passe ${i}`)).toBe(403);
    expect(await loginStatus(email, PASSWORD)).toBe(429);
    await forgot(email);
    expect((await reset(tokenIn((await nextMail(http.database.db, email)).text, "/mot-de-passe/nouveau"))).status).toBe(200);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  });

  it("sends 3 emails an hour per address (then the usual 202, no email), refuses an IP past 10 per 15 minutes, and resets past 20 per 15 minutes per IP", async () => {
    at(7);
    const answers: Response[] = [];
    for (let i = 0; i < 4; i++) answers.push(await forgot(http.accounts.committee!.email));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(await answers[3]!.json()).toEqual(await answers[0]!.json());
    expect(await outboxMails(http.database.db, { to: http.accounts.committee!.email })).toHaveLength(3);
    at(8);
    const byIp: number[] = [];
    for (let i = 0; i < 11; i++) byIp.push((await forgot(`quelqu-un-${i}@exemple.fr`)).status);
    expect(byIp).toEqual([...Array(10).fill(202), 429]);
    at(9);
    const resets: Response[] = [];
    for (let i = 0; i < 21; i++) resets.push(await reset("x".repeat(43)));
    expect(resets.map((r) => r.status)).toEqual([...Array(20).fill(404), 429]);
    expect(Number(resets.at(-1)!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("over SMTP", () => {
  it("delivers the reset link, which sets the new password", async () => {
    at(20);
    const { email } = await person("par-smtp");
    const smtp = await smtpDelivery(http.database.db, http.clock.fn);
    try {
      expect((await forgot(email)).status).toBe(202);
      const mail = await smtp.receive(email, /nouveau mot de passe/);
      const link = smtp.mailbox.linkIn(mail);
      expect(link).toMatch(new RegExp(`^${ORIGIN}/mot-de-passe/nouveau#[A-Za-z0-9_-]{43}$`));
      expect((await reset(link.split("#")[1]!)).status).toBe(200);
      expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
      expect((await smtp.receive(email, /a été modifié/)).text).toContain("autres sessions ouvertes de votre compte ont été fermées");
    } finally {
      await smtp.close();
    }
  });
});

describe("password change", () => {
  it("checks the current password, applies the policy to the new one, closes the other sessions and keeps this one", async () => {
    at(10);
    const { email } = await person("prudente");
    const [here, elsewhere] = [await signIn(email), await signIn(email)];
    const wrong = await here.request("PUT", "/api/auth/password", { currentPassword: "pas le bon mot de passe", newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { errors: Array<{ pointer: string }> }).errors).toEqual([expect.objectContaining({ pointer: "/currentPassword" })]);
    const weak = await here.request("PUT", "/api/auth/password", { currentPassword: PASSWORD, newPassword: "court" });
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as { errors: Array<{ pointer: string }> }).errors).toEqual([expect.objectContaining({ pointer: "/newPassword" })]);
    expect([await me(here), await me(elsewhere)]).toEqual([200, 200]);
    expect(await loginStatus(email, PASSWORD)).toBe(200);

    const ok = await here.request("PUT", "/api/auth/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(204);
    expect([await me(here), await me(elsewhere)]).toEqual([200, 401]);
    expect(await loginStatus(email, PASSWORD)).toBe(403);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
    expect((await nextMail(http.database.db, email, "password_changed")).text).toContain(`${ORIGIN}/mot-de-passe/oubli`);
  });

  it("kills a pending reset link when the password is changed", async () => {
    at(12);
    const { email } = await person("changeante");
    const client = await signIn(email);
    expect((await forgot(email)).status).toBe(202);
    const token = tokenIn((await nextMail(http.database.db, email, "password_reset")).text, "/mot-de-passe/nouveau");
    expect((await client.request("PUT", "/api/auth/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await reset(token, "le mot de passe de quelqu'un d'autre")).status).toBe(404);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  });

  it("counts a wrong current password like a failed login: the fifth locks the address", async () => {
    at(11);
    const { email } = await person("devinette");
    const client = await signIn(email);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.request("PUT", "/api/auth/password", { currentPassword: `essai numéro ${i}`, newPassword: NEW_PASSWORD })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    expect(await loginStatus(email, PASSWORD)).toBe(429);
    expect((await client.request("PUT", "/api/auth/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(429);
    at(11, 20);
    expect(await loginStatus(email, PASSWORD)).toBe(200);
  });
});
