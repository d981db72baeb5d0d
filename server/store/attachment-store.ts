/**
 * SQL for attachments: files kept in the database with their dossier.
 */
import type { Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { AttachmentTable } from "./schema";

export type AttachmentMeta = Omit<Selectable<AttachmentTable>, "content">;

export async function insertAttachment(db: Executor, row: AttachmentTable): Promise<void> {
  await db.insertInto("attachments").values(row).execute();
}

export function listAttachments(db: Executor, dossierId: string): Promise<AttachmentMeta[]> {
  return db.selectFrom("attachments").select(["id", "dossier_id", "file_name", "media_type", "size", "sha256", "uploaded_by", "created_at"])
    .where("dossier_id", "=", dossierId).orderBy("created_at").orderBy("id").execute();
}

export function findAttachment(db: Executor, id: string): Promise<Selectable<AttachmentTable> | undefined> {
  return db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Which of `ids` are attachments of the dossier (one query). */
export async function ownedAttachmentIds(db: Executor, dossierId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("attachments").select("id").where("dossier_id", "=", dossierId).where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}
