/**
 * A manager signs up alone: address, emailed link (24 hours, one-time, only
 * its hash stored), then name and password. The first step answers the same
 * for a known address (whose owner is told by email) and is limited per IP
 * and per address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../server/auth/email-tokens";
import { EVEN_ANSWER_MS } from "../../server/auth/even-timing";
import { countAccounts } from "../../server/store/account-store";
import { ORIGIN, PASSWORD, setupHttp } from "../helpers/http-setup";
import { nextMail, outboxMails, tokenIn } from "../helpers/outbox";
import { smtpDelivery } from "../helpers/smtp-delivery";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp(); });
afterAll(async () => { await http.cleanup(); });

const NEW_PASSWORD = "un mot de passe tout neuf";
/** Each test in its own hour, so that the IP's and the address's windows start empty. */
const at = (hour: number, minute = 0) => http.clock.set(`2026-06-02T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
const signup = (email: string) => http.anonymous.request("POST", "/api/signup", { email });
const inspect = (token: string) => http.anonymous.request("POST", "/api/signup/inspect", { token });
const complete = (token: string, password = NEW_PASSWORD, displayName = "Camille Martin") => http.anonymous.request("POST", "/api/signup/complete", { token, displayName, password });

describe("sign-up", () => {
  it("emails a one-time link to a new address, shows the address, then creates a manager of no organisation and opens a session", async () => {
    at(1);
    const res = await signup("Camille.Martin@Exemple.fr");
    expect(res.status).toBe(202);
    expect(((await res.json()) as { message: string }).message).toMatch(/message vient d'être envoyé/);
    const mail = await nextMail(http.database.db, "camille.martin@exemple.fr", "signup_verification");
    expect(mail.subject).toBe("Confirmez votre adresse pour créer votre compte Guichet");
    expect(mail.text).toContain("Ce lien expire dans 24 heures");
    expect(mail.html).toContain(`${ORIGIN}/inscription/verifier#`);
    const token = tokenIn(mail.text, "/inscription/verifier");
    const stored = await http.database.db.kysely.selectFrom("email_tokens").selectAll().where("email", "=", "camille.martin@exemple.fr").execute();
    expect(stored.map((t) => [t.id, t.purpose])).toEqual([[sha256(token), "signup"]]);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await (await inspect(token)).json()).toEqual({ email: "camille.martin@exemple.fr" });
    const accounts = await countAccounts(http.database.db.kysely);
    const short = await complete(token, "court");
    expect(short.status).toBe(422);
    expect(((await short.json()) as { errors: Array<{ pointer: string }> }).errors).toEqual([expect.objectContaining({ pointer: "/password" })]);
    expect(await countAccounts(http.database.db.kysely)).toBe(accounts);

    const done = await complete(token);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { account: Record<string, unknown>; csrfToken: string };
    expect(body.account).toMatchObject({ email: "camille.martin@exemple.fr", displayName: "Camille Martin", role: "manager", territoryCode: "", organisationId: null, organisationRole: null });
    const cookie = done.headers.get("set-cookie")!.split(";")[0]!;
    expect(await (await http.app.request("/api/auth/me", { headers: { cookie } })).json()).toMatchObject({ account: { email: "camille.martin@exemple.fr", role: "manager" } });
    expect(await countAccounts(http.database.db.kysely)).toBe(accounts + 1);

    expect((await complete(token)).status).toBe(404);
    expect((await inspect(token)).status).toBe(404);
    const login = await http.anonymous.request("POST", "/api/auth/login", { email: "camille.martin@exemple.fr", password: NEW_PASSWORD });
    expect(login.status).toBe(200);
  });

  it("answers a known address exactly like a new one, and tells its owner an account exists", async () => {
    at(2);
    const timed = async (email: string) => {
      const started = performance.now();
      const res = await signup(email);
      return { res, ms: performance.now() - started };
    };
    const [{ res: known, ms: knownMs }, { res: unknown, ms: unknownMs }] = [await timed(http.accounts.instructor!.email.toUpperCase()), await timed("personne-inconnue@exemple.fr")];
    console.log(`inscription : adresse connue ${knownMs.toFixed(1)} ms, inconnue ${unknownMs.toFixed(1)} ms (plancher ${EVEN_ANSWER_MS} ms)`);
    expect(Math.min(knownMs, unknownMs)).toBeGreaterThanOrEqual(EVEN_ANSWER_MS - 1);
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    const reminder = await nextMail(http.database.db, http.accounts.instructor!.email);
    expect(reminder).toMatchObject({ kind: "signup_existing_account", subject: "Vous avez déjà un compte Guichet" });
    expect(reminder.text).toContain(`${ORIGIN}/connexion`);
    expect(reminder.text).toContain(`${ORIGIN}/mot-de-passe/oubli`);
    expect(reminder.text).not.toContain("/inscription/verifier");
    expect(await http.database.db.kysely.selectFrom("email_tokens").select("id").where("email", "=", http.accounts.instructor!.email).execute()).toEqual([]);
    expect((await nextMail(http.database.db, "personne-inconnue@exemple.fr")).kind).toBe("signup_verification");
  });

  it("lets a link expire after 24 hours, and a new request replace the previous link", async () => {
    at(3);
    await signup("lent@exemple.fr");
    const first = tokenIn((await nextMail(http.database.db, "lent@exemple.fr")).text, "/inscription/verifier");
    await signup("lent@exemple.fr");
    const second = tokenIn((await nextMail(http.database.db, "lent@exemple.fr")).text, "/inscription/verifier");
    expect((await inspect(first)).status).toBe(404);
    expect((await inspect(second)).status).toBe(200);
    http.clock.set("2026-06-03T03:00:01Z");
    expect((await inspect(second)).status).toBe(404);
    expect((await complete(second)).status).toBe(404);
    expect(await http.database.db.kysely.selectFrom("accounts").select("id").where("email", "=", "lent@exemple.fr").execute()).toEqual([]);
  });

  it("refuses to complete when the address got an account meanwhile, creating nothing", async () => {
    at(4);
    await signup("entre-temps@exemple.fr");
    const token = tokenIn((await nextMail(http.database.db, "entre-temps@exemple.fr")).text, "/inscription/verifier");
    await http.auth.createAccount({ email: "entre-temps@exemple.fr", displayName: "Déjà là", password: PASSWORD, role: "instructor", territoryCode: "63" });
    const accounts = await countAccounts(http.database.db.kysely);
    const res = await complete(token);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Un compte existe déjà/);
    expect(await countAccounts(http.database.db.kysely)).toBe(accounts);
  });

  it("sends 3 emails an hour per address (then the usual 202, no email) and refuses an IP past 10 per 15 minutes, with Retry-After", async () => {
    at(5);
    const answers: Response[] = [];
    for (let i = 0; i < 4; i++) answers.push(await signup("insistant@exemple.fr"));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(await answers[3]!.json()).toEqual(await answers[0]!.json());
    expect(await outboxMails(http.database.db, { to: "insistant@exemple.fr" })).toHaveLength(3);
    at(6);
    const byIp: Response[] = [];
    for (let i = 0; i < 11; i++) byIp.push(await signup(`adresse-${i}@exemple.fr`));
    expect(byIp.map((r) => r.status)).toEqual([...Array(10).fill(202), 429]);
    const refused = byIp.at(-1)!;
    expect(refused.headers.get("retry-after")).toBe(String(15 * 60));
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/Trop de demandes/);
    expect(await outboxMails(http.database.db, { to: "adresse-10@exemple.fr" })).toEqual([]);
    at(6, 15);
    expect((await signup("adresse-10@exemple.fr")).status).toBe(202);
  });

  it("delivers the verification email over SMTP, whose link completes the sign-up", async () => {
    at(12);
    const smtp = await smtpDelivery(http.database.db, http.clock.fn);
    try {
      expect((await signup("par-smtp@exemple.fr")).status).toBe(202);
      const mail = await smtp.receive("par-smtp@exemple.fr", /Confirmez votre adresse/);
      expect(mail.text).toContain("Ce lien expire dans 24 heures");
      const link = smtp.mailbox.linkIn(mail);
      expect(link).toMatch(new RegExp(`^${ORIGIN}/inscription/verifier#[A-Za-z0-9_-]{43}$`));
      expect(mail.html).toContain(link);
      const done = await complete(link.split("#")[1]!);
      expect(done.status).toBe(200);
      expect(await done.json()).toMatchObject({ account: { email: "par-smtp@exemple.fr", role: "manager" } });
    } finally {
      await smtp.close();
    }
  });

  it("limits the completions per IP (each one hashes a password)", async () => {
    at(7);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await complete("x".repeat(43))).status);
    expect(statuses).toEqual([...Array(20).fill(404), 429]);
  });
});
