/**
 * Lists dossiers with filters (procedure, state or parent state,
 * organisation, text on the package's search fields), newest first with a
 * keyset cursor, plus the counts per state for the same filters. A manager
 * only ever sees their organisation's dossiers.
 */
import { Refusal, type Actor } from "../engine/decide-transition";
import { normalizeText } from "../engine/search-text";
import { countByState, listDossierRows, type DossierFilters } from "../store/dossier-store";
import type { EngineContext } from "./context";
import { toView, type DossierView } from "./dossier-view";

export type ListQuery = { procedureId?: string; state?: string; organisationId?: string; text?: string; limit?: number; after?: string };
export type DossierPage = { items: DossierView[]; nextCursor: string | null; countsByState: Record<string, number> };

export async function listDossiers(ctx: EngineContext, query: ListQuery, actor: Actor): Promise<DossierPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), 100);
  const filters: DossierFilters = {
    ...(query.procedureId ? { procedureId: query.procedureId } : {}),
    ...(query.organisationId ? { organisationId: query.organisationId } : {}),
  };
  if (query.state !== undefined) {
    if (!query.procedureId) throw new Refusal("input", "Le filtre par état demande de préciser la procédure.", [{ code: "field", message: "procédure requise", pointers: ["/procedureId"] }]);
    // A parent state ("labelled") stands for its leaves ("labelled.year_running", …) in any published version.
    const leaves = new Set<string>();
    for (const version of await ctx.registry.versions(query.procedureId)) {
      const procedure = await ctx.registry.get(version.id);
      for (const path of procedure.states.keys()) {
        const isLeaf = ![...procedure.states.keys()].some((other) => other.startsWith(`${path}.`));
        if (isLeaf && (path === query.state || path.startsWith(`${query.state}.`))) leaves.add(path);
      }
    }
    filters.states = [...leaves];
  }
  if (actor.role === "manager") {
    if (!actor.organisationId) throw new Refusal("forbidden", "Aucune organisation n'est rattachée à votre compte.");
    if (query.organisationId && query.organisationId !== actor.organisationId) throw new Refusal("forbidden", "Vous ne voyez que les dossiers de votre organisation.");
    filters.organisationId = actor.organisationId;
  }
  if (query.text !== undefined) filters.text = normalizeText(query.text.trim()).slice(0, 200) || undefined;
  const rows = await listDossierRows(ctx.db.kysely, ctx.db.dialect, filters, limit + 1, query.after);
  const page = rows.slice(0, limit);
  const items = await Promise.all(page.map(async (row) => toView(row, await ctx.registry.get(row.version_id))));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null, countsByState: await countByState(ctx.db.kysely, ctx.db.dialect, filters) };
}
