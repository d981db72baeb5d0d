/**
 * Attachments belong to one dossier: every attachment named by the dossier's
 * data (when the caller checks it) and by an event's input must be one of that
 * dossier's (one query), so a dossier never points at another's files.
 */
import { attachmentRefs } from "../engine/attachment-refs";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { Refusal } from "../engine/refusal";
import { ownedAttachmentIds } from "../store/attachment-store";
import type { Executor } from "../store/dossier-store";

export async function checkAttachmentOwnership(trx: Executor, procedure: CompiledProcedure, dossierId: string, data: unknown, form: string | undefined, input: unknown): Promise<void> {
  const refs = [
    ...attachmentRefs(procedure.pkg.forms[procedure.pkg.manifest.applicationForm]?.schema, data),
    ...(form ? attachmentRefs(procedure.pkg.forms[form]?.schema, input) : []),
  ];
  if (refs.length === 0) return;
  const owned = new Set(await ownedAttachmentIds(trx, dossierId, [...new Set(refs.map((r) => r.id))]));
  const foreign = refs.filter((r) => !owned.has(r.id));
  if (foreign.length === 0) return;
  const reasons = foreign.map((r) => ({ code: "field", message: `La pièce « ${r.id} » n'appartient pas à ce dossier.`, pointers: [r.pointer] }));
  throw new Refusal("input", foreign.length === 1 ? reasons[0]!.message : `${foreign.length} pièces jointes n'appartiennent pas à ce dossier.`, reasons);
}
