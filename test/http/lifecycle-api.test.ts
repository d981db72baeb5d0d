/**
 * The lifecycle over HTTP, with the Cantal test package published for the
 * territory of the test accounts: the open actions carry their prefill, a
 * staff member attaches a file when an open action's form asks for one, and
 * the label years come with their report status and declared records.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../server/auth/accounts";
import { ownAttachments } from "../helpers/engine-setup";
import { DATABASES } from "../helpers/databases";
import { PDF } from "../helpers/files";
import { setupHttp, type Client } from "../helpers/http-setup";
import { json } from "../helpers/http-suite";
import { CANTAL_PACKAGE_DIR, cantalApplication, variantFiles } from "../helpers/variants";

const procedureId = "soutien-associations-cantal";

const upload = (client: Client, dossierId: string) => {
  const form = new FormData();
  form.set("file", new File([PDF], "proces-verbal.pdf", { type: "application/pdf" }));
  return client.request("POST", `/api/dossiers/${dossierId}/attachments`, form);
};

describe.each(DATABASES)("lifecycle over HTTP on $name", (kind) => {
  let http: Awaited<ReturnType<typeof setupHttp>>;
  let instructor: Client;
  let committee: Client;
  let manager: Client;

  /** Moves the clock (sessions expire meanwhile: sign in again). */
  async function later(iso: string): Promise<void> {
    http.clock.set(iso);
    [instructor, committee, manager] = await Promise.all([http.login("instructor"), http.login("committee"), http.login("manager")]);
  }

  beforeAll(async () => {
    http = await setupHttp({ database: kind });
    await http.setup.engine.publish(await variantFiles(CANTAL_PACKAGE_DIR, { "manifest.json": (doc) => { doc.territory = { code: "63", name: "Territoire des tests" }; } }));
    await later("2026-06-01T08:00:00Z");
  }, 30_000);
  afterAll(async () => { await http.cleanup(); });

  it("prefills action forms, lets staff attach where an action asks for a file, and shows the years", async () => {
    const { engine, orgA } = http.setup;
    const owner = actorOf({ id: http.accounts.manager!.id, email: "", displayName: "", role: "manager", territoryCode: "63", organisationId: orgA.id });
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: cantalApplication(40) }, owner);
    await ownAttachments(engine, dossier.id, owner);
    await json(await manager.request("POST", `/api/dossiers/${dossier.id}/submit`, {}), 200);
    await json(await instructor.request("POST", `/api/dossiers/${dossier.id}/transitions`, { event: "ASSESS", input: {} }), 200);
    expect((await upload(instructor, dossier.id)).status).toBe(403);
    await later("2027-02-10T10:00:00Z");
    await json(await committee.request("POST", `/api/dossiers/${dossier.id}/transitions`, { event: "GRANT", input: { startDate: "2027-03-01", derogation: false } }), 200);

    const file = await json<{ id: string }>(await upload(instructor, dossier.id), 201);
    expect((await upload(committee, dossier.id)).status).toBe(403);
    const current = await json<{ version: number }>(await instructor.request("GET", `/api/dossiers/${dossier.id}`), 200);
    await json(await instructor.request("POST", `/api/dossiers/${dossier.id}/transitions`, {
      event: "RECORD_FOLLOW_UP", input: { date: "2027-03-15", notes: "Réunion de lancement.", minutes: file.id }, expectedVersion: current.version,
    }), 200);

    const years = await json<{ items: Array<Record<string, unknown>> }>(await manager.request("GET", `/api/dossiers/${dossier.id}/cycles`), 200);
    expect(years.items).toEqual([expect.objectContaining({
      year: 1, opening: 1, startsOn: "2027-03-01", endsOn: "2028-02-29", reportDueAt: "2028-06-30T22:00:00.000Z", reportStatus: "awaited", funding: 1600,
      records: [{ event: "RECORD_FOLLOW_UP", form: "followUp", label: "Réunion de suivi", present: true, input: { date: "2027-03-15", notes: "Réunion de lancement.", minutes: file.id }, recordedAt: "2027-02-10T10:00:00.000Z" }],
    })]);

    // The renewal form starts from the previous renewal, once there is one.
    await later("2028-03-02T06:00:00Z");
    await engine.fireDueTimers();
    const actions = async () => (await json<{ items: Array<{ event: string; prefill: unknown }> }>(await committee.request("GET", `/api/dossiers/${dossier.id}/transitions`), 200)).items;
    expect((await actions()).find((a) => a.event === "RENEW")).toMatchObject({ prefill: null });
    await json(await committee.request("POST", `/api/dossiers/${dossier.id}/transitions`, { event: "RENEW", input: { beneficiaries: 30, note: "Deux années de plus." } }), 200);
    await later("2030-03-02T06:00:00Z");
    await engine.fireDueTimers();
    expect((await actions()).find((a) => a.event === "RENEW")).toMatchObject({ prefill: { beneficiaries: 30, note: "Deux années de plus." } });
  });
});
