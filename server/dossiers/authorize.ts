/**
 * Who may touch a dossier at all: a manager only their organisation's, the
 * territory's staff only their territory's procedures; timers always.
 * What each role may do next is the machine's business (decide-transition).
 */
import type { CompiledProcedure } from "../engine/compile-procedure";
import { findDossier, type DossierRow, type Executor } from "../store/dossier-store";
import type { EngineContext } from "./context";
import { Refusal, type Actor } from "../engine/decide-transition";

export function authorize(actor: Actor, dossier: { organisation_id: string }, procedure: CompiledProcedure): void {
  if (actor.role === "system") return;
  if (actor.role === "manager") {
    if (actor.organisationId !== dossier.organisation_id) throw new Refusal("forbidden", "Ce dossier n'appartient pas à votre organisation.");
    return;
  }
  if (actor.territoryCode !== undefined && actor.territoryCode !== procedure.pkg.manifest.territory.code) {
    throw new Refusal("forbidden", "Ce dossier relève d'un autre territoire que le vôtre.");
  }
}

/** A dossier and its compiled version, for someone allowed to touch it (in the caller's transaction, if any). */
export async function loadAuthorized(ctx: EngineContext, executor: Executor, dossierId: string, actor: Actor): Promise<{ row: DossierRow; procedure: CompiledProcedure }> {
  const row = await findDossier(executor, dossierId);
  if (!row) throw new Refusal("not_found", "Dossier introuvable.");
  const procedure = await ctx.registry.get(row.version_id, executor);
  authorize(actor, row, procedure);
  return { row, procedure };
}
