/**
 * `npm run audit:verify` on a database file: exit 0 on intact chains; exit 1
 * naming the dossier and event of the first broken link.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/store/database";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";
import { REPO } from "../helpers/packages";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "guichet-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verify = (file: string) =>
  run(process.execPath, ["--import", "tsx", join(REPO, "server/dossiers/audit-verify-cli.ts"), file], { cwd: REPO })
    .then((r) => ({ code: 0, out: r.stdout + r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));

describe("npm run audit:verify", () => {
  it("passes on intact chains and names the first broken link", async () => {
    const file = join(dir, "audit.sqlite");
    const db = await openDatabase({ url: file });
    const { engine, actors, orgA, procedureId } = await setupEngine(db);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    await engine.submit(dossier.id, actors.manager);
    await engine.withdraw(dossier.id, actors.manager);
    await db.close();

    const ok = await verify(file);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("1 dossiers, 5 événements vérifiés, 0 chaîne rompue.");

    const raw = await openDatabase({ url: file });
    await sql`DROP TRIGGER audit_events_no_update`.execute(raw.kysely);
    await sql`UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 2`.execute(raw.kysely);
    await raw.close();
    const broken = await verify(file);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`dossier ${dossier.id} › événement n° 2 › le contenu ne correspond plus à son empreinte`);
  });
});
