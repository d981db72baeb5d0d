/**
 * Variants of a package for tests: its files as read, with JSON edits
 * applied in code (a function per file), loaded or published as such.
 */
import { join } from "node:path";
import { loadPackage, type LoadResult } from "../../server/config/load-package";
import { readPackageDir } from "../../server/config/read-package-dir";
import { ownAttachments, type setupEngine } from "./engine-setup";
import { REPO } from "./packages";

export const CANTAL_PACKAGE_DIR = join(REPO, "test/fixtures/procedures/soutien-associations-cantal");

export type JsonEdits = Record<string, (doc: any) => void>;

/** The package's files with `edits` applied (each edit changes the parsed JSON of its file in place). */
export async function variantFiles(dir: string, edits: JsonEdits = {}): Promise<Record<string, string>> {
  const files = await readPackageDir(dir);
  for (const [file, edit] of Object.entries(edits)) {
    const doc = JSON.parse(files[file]!);
    edit(doc);
    files[file] = JSON.stringify(doc, null, 2);
  }
  return files;
}

export async function loadVariant(dir: string, edits: JsonEdits): Promise<LoadResult> {
  return loadPackage(await variantFiles(dir, edits));
}

/** A Cantal application, complete (its statutes a placeholder until `ownAttachments`). */
export function cantalApplication(members = 8): Record<string, unknown> {
  return { association: "Entraide des Monts du Cantal", members, followUpMonths: 6, statutes: "att_statuts_0001" };
}

/** A submitted Cantal dossier of organisation A, oriented by the instructor (fast track from 20 members, else the committee). */
export async function assessedDossier(setup: Awaited<ReturnType<typeof setupEngine>>, members: number): Promise<string> {
  const { engine, actors, orgA, procedureId } = setup;
  const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: cantalApplication(members) }, actors.manager);
  await ownAttachments(engine, dossier.id, actors.manager);
  await engine.submit(dossier.id, actors.manager);
  await engine.send(dossier.id, "ASSESS", {}, actors.instructor);
  return dossier.id;
}
