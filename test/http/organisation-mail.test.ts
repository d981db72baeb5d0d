/**
 * The organisation emails as people receive them: delivered by the outbox
 * sender over SMTP to an in-process mailbox, parsed, their link followed —
 * an invitation accepted from its link, a join request reaching the owner
 * and its approval reaching the requester.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailSender } from "../../server/mail/sender";
import { setupHttp, ORIGIN, PASSWORD, type Client } from "../helpers/http-setup";
import { recipientsOf, startMailbox, type Mailbox } from "../helpers/mailbox";

let http: Awaited<ReturnType<typeof setupHttp>>;
let mailbox: Mailbox;
let owner: Client;
let deliver: () => Promise<unknown>;

beforeAll(async () => {
  [http, mailbox] = await Promise.all([setupHttp(), startMailbox()]);
  owner = await http.login("manager");
  const sender = createMailSender({ db: http.database.db, clock: http.clock.fn, transport: { kind: "smtp", url: mailbox.url } });
  deliver = () => sender.deliverDue();
}, 30_000);
afterAll(async () => { await mailbox.close(); await http.cleanup(); });

const to = (address: string) => (mail: Parameters<Mailbox["linkIn"]>[0]) => recipientsOf(mail).includes(address);

describe("organisation emails over SMTP", () => {
  it("delivers an invitation whose link creates a member's account", async () => {
    expect((await owner.request("POST", `/api/organisations/${http.setup.orgA.id}/invitations`, { email: "alex@test.local" })).status).toBe(201);
    await deliver();
    const mail = await mailbox.waitFor(to("alex@test.local"));
    expect(mail.subject).toBe(`Invitation à rejoindre ${http.setup.orgA.name} sur Guichet`);
    expect(mail.html).toContain("Accepter l&#39;invitation");
    const link = mailbox.linkIn(mail);
    expect(link.startsWith(`${ORIGIN}/invitation#`)).toBe(true);
    const res = await http.anonymous.request("POST", "/api/invitations/accept", { token: new URL(link).hash.slice(1), displayName: "Alex Dupont", password: PASSWORD });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { account: unknown }).account).toMatchObject({ organisationId: http.setup.orgA.id, organisationRole: "member" });
  });

  it("tells the owner of a join request and the requester of the approval", async () => {
    const newcomer = await http.signUp("Sacha");
    const asked = (await (await newcomer.request("POST", `/api/organisations/${http.setup.orgA.id}/join-requests`, { message: "Je coordonne le relais petite enfance." })).json()) as { id: string };
    await deliver();
    const request = await mailbox.waitFor(to("manager@test.local"));
    expect(request.subject).toBe(`Demande pour rejoindre ${http.setup.orgA.name}`);
    expect(request.text).toContain("Je coordonne le relais petite enfance.");
    expect(mailbox.linkIn(request)).toBe(`${ORIGIN}/organisation`);
    expect((await owner.request("POST", `/api/join-requests/${asked.id}/decision`, { decision: "approve" })).status).toBe(200);
    await deliver();
    const approved = await mailbox.waitFor(to("sacha@test.local"));
    expect(approved.subject).toBe(`Vous avez rejoint ${http.setup.orgA.name}`);
    expect(mailbox.linkIn(approved)).toBe(`${ORIGIN}/organisation`);
  });
});
