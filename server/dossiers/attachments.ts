/**
 * Attachments of a dossier (e.g. a job description the form asks for): the type is
 * detected from the content (file-type) against an allowlist, the size is
 * capped, the file name must be a plain name; the file is stored in the
 * database with an audit event, in one transaction. Who may attach: see
 * `mayAttach`. Only those who may read the dossier may download it.
 */
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { hasAttachmentField } from "../engine/attachment-refs";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { Refusal, type Actor } from "../engine/decide-transition";
import { ancestry } from "../engine/lifecycle";
import { findAttachment, insertAttachment, listAttachments } from "../store/attachment-store";
import { updateDossier } from "../store/dossier-store";
import { conflict } from "./apply-event";
import { appendAudit } from "./audit-trail";
import { loadAuthorized } from "./authorize";
import { uuidv7, type EngineContext } from "./context";

export const MAX_ATTACHMENT_BYTES = Number(process.env.GUICHET_MAX_ATTACHMENT_BYTES ?? 10 * 1024 * 1024);

const ALLOWED: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "image PNG",
  "image/jpeg": "image JPEG",
  "image/webp": "image WebP",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document Word",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "classeur Excel",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "présentation PowerPoint",
  "application/vnd.oasis.opendocument.text": "document OpenDocument",
  "application/vnd.oasis.opendocument.spreadsheet": "classeur OpenDocument",
  "application/x-cfb": "document Office (ancien format)",
};

/** A plain file name: no folder, no traversal, no control characters. */
export function checkFileName(name: string): string {
  const trimmed = name.normalize("NFC").trim();
  if (!trimmed || trimmed.length > 200 || /[\\/\u0000-\u001f\u007f]/.test(trimmed) || trimmed === "." || trimmed.startsWith("..")) {
    throw new Refusal("input", "Nom de fichier invalide : il ne doit contenir ni dossier ni caractère de contrôle.", [{ code: "field", message: "nom de fichier invalide", pointers: ["/file"] }]);
  }
  return trimmed;
}

/**
 * Who may attach a file now: the manager while the application is editable,
 * or anyone for whom an action open now has a form with an attachment field
 * (e.g. a staff member recording minutes, a manager filing a report).
 */
function mayAttach(procedure: CompiledProcedure, state: string, actor: Actor): void {
  if (actor.role === "manager" && procedure.states.get(state)?.dataEditable) return;
  const states = ancestry(state);
  const forms = procedure.transitions.filter((t) => states.includes(t.source) && t.roles.includes(actor.role) && t.form).map((t) => t.form!);
  if (forms.some((id) => hasAttachmentField(procedure.pkg.forms[id]?.schema))) return;
  if (actor.role === "manager") throw new Refusal("not_editable", "Le dossier n'accepte plus de pièces dans son état actuel : aucune action qui vous est ouverte n'en demande.");
  throw new Refusal("role", `Le rôle « ${procedure.roleLabel(actor.role)} » ne permet pas de joindre des fichiers à ce dossier dans son état actuel : aucune action qui vous est ouverte n'en demande.`);
}

export async function addAttachment(ctx: EngineContext, dossierId: string, file: { name: string; bytes: Buffer }, actor: Actor) {
  const name = checkFileName(file.name);
  if (file.bytes.length === 0) throw new Refusal("input", "Le fichier est vide.", [{ code: "field", message: "fichier vide", pointers: ["/file"] }]);
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new Refusal("input", `Le fichier dépasse ${Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024)} Mo.`, [{ code: "field", message: "fichier trop volumineux", pointers: ["/file"] }]);
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!detected || !(detected.mime in ALLOWED)) {
    throw new Refusal("input", `Type de fichier non autorisé : seuls les ${[...new Set(Object.values(ALLOWED))].join(", ")} sont acceptés.`, [{ code: "field", message: "type de fichier non autorisé", pointers: ["/file"] }]);
  }
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, procedure } = await loadAuthorized(ctx, trx, dossierId, actor);
    mayAttach(procedure, row.state, actor);
    const now = ctx.clock();
    // Attaching changes the dossier: take its version, so a concurrent change is a conflict, not a broken audit sequence.
    if (!(await updateDossier(trx, dossierId, row.version, { updated_at: now.toISOString() }))) throw conflict(row.version, row.version + 1);
    const meta = {
      id: `att_${uuidv7().replace(/-/g, "")}`, dossier_id: dossierId, file_name: name, media_type: detected.mime, size: file.bytes.length,
      sha256: createHash("sha256").update(file.bytes).digest("hex"), uploaded_by: actor.id, created_at: now.toISOString(),
    };
    await insertAttachment(trx, { ...meta, content: file.bytes });
    await appendAudit(trx, { dossierId, at: now, actor, event: "ATTACH", fromState: row.state, toState: row.state, input: { id: meta.id, fileName: name, size: meta.size, sha256: meta.sha256 }, ruleResults: [], before: {}, after: {} });
    return meta;
  });
}

export async function attachmentsOf(ctx: EngineContext, dossierId: string, actor: Actor) {
  await loadAuthorized(ctx, ctx.db.kysely, dossierId, actor);
  return listAttachments(ctx.db.kysely, dossierId);
}

export async function readAttachment(ctx: EngineContext, id: string, actor: Actor) {
  const attachment = await findAttachment(ctx.db.kysely, id);
  if (!attachment) throw new Refusal("not_found", "Pièce jointe introuvable.");
  await loadAuthorized(ctx, ctx.db.kysely, attachment.dossier_id, actor);
  return attachment;
}
