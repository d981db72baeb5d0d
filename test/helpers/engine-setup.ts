/**
 * A dossier engine on a test database with a movable clock, the default
 * package published, two organisations and one person per role; and the
 * step that makes an example application submittable (its attachments the
 * dossier's own).
 */
import { createEngine, type Engine } from "../../server/dossiers/engine";
import type { DossierView } from "../../server/dossiers/dossier-view";
import { attachPlaceholders } from "../../server/dossiers/attach-placeholders";
import type { Actor } from "../../server/engine/decide-transition";
import { PDF } from "./files";
import { readPackageDir } from "../../server/config/read-package-dir";
import { caseData } from "../../server/engine/run-cases";
import type { Db } from "../../server/store/database";
import { DEFAULT_PACKAGE_DIR, loadOk } from "./packages";

export type MovableClock = { now: Date; set(iso: string): void; fn: () => Date };

export function movableClock(iso: string): MovableClock {
  const clock: MovableClock = { now: new Date(iso), set: (v) => { clock.now = new Date(v); }, fn: () => clock.now };
  return clock;
}

export async function completeApplication(dir = DEFAULT_PACKAGE_DIR): Promise<Record<string, any>> {
  const pkg = await loadOk(dir);
  return structuredClone(caseData(pkg.cases[0]!.content, 0)) as Record<string, any>;
}

export async function setupEngine(db: Db, options: { dir?: string; territory?: string; clock?: MovableClock } = {}) {
  const clock = options.clock ?? movableClock("2026-06-01T08:00:00Z");
  const engine: Engine = createEngine({ db, clock: clock.fn });
  const published = await engine.publish(await readPackageDir(options.dir ?? DEFAULT_PACKAGE_DIR), "admin-test");
  const territory = options.territory ?? "63";
  // A second engine over the same database (a restart) finds the organisation of the first: one organisation per SIRET.
  const orgA = (await db.kysely.selectFrom("organisations").selectAll().where("siret", "=", "20063000600019").executeTakeFirst())
    ?? await engine.createOrganisation({ name: "Commune de Thiers", siret: "20063000600019", territoryCode: territory });
  const orgB = await engine.createOrganisation({ name: "Association Les Petits Pas", territoryCode: territory });
  const actors = {
    manager: { id: "manager-a", role: "manager", organisationId: orgA.id } satisfies Actor,
    otherManager: { id: "manager-b", role: "manager", organisationId: orgB.id } satisfies Actor,
    instructor: { id: "instructor-1", role: "instructor", territoryCode: territory } satisfies Actor,
    foreignInstructor: { id: "instructor-x", role: "instructor", territoryCode: territory === "63" ? "03" : "63" } satisfies Actor,
    committee: { id: "committee-1", role: "committee", territoryCode: territory } satisfies Actor,
    admin: { id: "admin-1", role: "admin", territoryCode: territory } satisfies Actor,
  };
  return { engine, clock, published, orgA, orgB, actors, procedureId: published.procedureId };
}

/**
 * Uploads a PDF for each attachment the dossier's data names that is not its
 * own (the packages' examples name a placeholder), and saves the data with
 * the new ids: the dossier's attachments are then its own, as submitting
 * requires.
 */
export function ownAttachments(engine: Engine, dossierId: string, actor: Actor): Promise<DossierView> {
  return attachPlaceholders(engine, dossierId, actor, { name: "piece.pdf", bytes: PDF });
}
