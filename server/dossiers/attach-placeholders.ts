/**
 * Makes an example application's files its dossier's own: for each file the
 * dossier's data names that is not one of its attachments (an example names a
 * placeholder id), uploads the given stand-in file and saves the data with the
 * new id — the demo dossiers and the tests then submit like a person would.
 */
import type { Actor } from "../engine/decide-transition";
import { attachmentRefs } from "../engine/attachment-refs";
import type { DossierView } from "./dossier-view";
import type { Engine } from "./engine";

export async function attachPlaceholders(engine: Engine, dossierId: string, actor: Actor, file: { name: string; bytes: Buffer }): Promise<DossierView> {
  const dossier = await engine.getDossier(dossierId, actor);
  const procedure = await engine.registry.get(dossier.versionId);
  const owned = new Set((await engine.attachments(dossierId, actor)).map((a) => a.id));
  const refs = attachmentRefs(procedure.pkg.forms[procedure.pkg.manifest.applicationForm]?.schema, dossier.data).filter((r) => !owned.has(r.id));
  if (refs.length === 0) return dossier;
  const data = structuredClone(dossier.data);
  for (const ref of refs) {
    const { id } = await engine.addAttachment(dossierId, file, actor);
    const path = ref.pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = path.pop()!;
    const parent = path.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, data);
    parent[last] = id;
  }
  return (await engine.saveDraft(dossierId, data, actor)).dossier;
}
