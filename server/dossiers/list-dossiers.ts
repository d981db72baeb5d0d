/**
 * Lists dossiers with filters (procedure, state or parent state,
 * organisation, text on the package's search fields, values of the package's
 * declared filter fields), newest first with a keyset cursor, plus the counts
 * per state for the same filters. A manager only ever sees their
 * organisation's dossiers.
 */
import { Refusal, type Actor } from "../engine/decide-transition";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { filterToken, normalizeFilterValue, normalizeText } from "../engine/search-text";
import { countByState, listDossierRows, type DossierFilters } from "../store/dossier-store";
import type { EngineContext } from "./context";
import { toView, type DossierView } from "./dossier-view";

/** `filters`: all must match, each on a field declared in `search.filters` by the procedure's latest version. */
export type ListQuery = { procedureId?: string; state?: string; organisationId?: string; text?: string; filters?: FieldFilter[]; limit?: number; after?: string };
export type FieldFilter = { field: string; value: string };
export type DossierPage = { items: DossierView[]; nextCursor: string | null; countsByState: Record<string, number> };

export async function listDossiers(ctx: EngineContext, query: ListQuery, actor: Actor): Promise<DossierPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), 100);
  const filters: DossierFilters = {
    ...(query.procedureId ? { procedureId: query.procedureId } : {}),
    ...(query.organisationId ? { organisationId: query.organisationId } : {}),
  };
  if (query.state !== undefined) {
    if (!query.procedureId) throw new Refusal("input", "Le filtre par état demande de préciser la procédure.", [{ code: "field", message: "procédure requise", pointers: ["/procedureId"] }]);
    // A parent state ("supported") stands for its leaves ("supported.first_year", …) in any published version.
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
  if (query.filters && query.filters.length > 0) {
    if (!query.procedureId) throw new Refusal("input", "Les filtres par champ demandent de préciser la procédure.", [{ code: "field", message: "procédure requise", pointers: ["/procedureId"] }]);
    filters.tokens = fieldTokens(query.filters, await ctx.registry.latest(query.procedureId));
  }
  const rows = await listDossierRows(ctx.db.kysely, ctx.db.dialect, filters, limit + 1, query.after);
  const page = rows.slice(0, limit);
  const items = await Promise.all(page.map(async (row) => toView(row, await ctx.registry.get(row.version_id))));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null, countsByState: await countByState(ctx.db.kysely, ctx.db.dialect, filters) };
}

/**
 * The tokens to match for field filters, refusing a field the procedure does
 * not declare as a filter, or an empty value. Every dossier of a procedure is
 * indexed with its latest version's filters (see reindex-filters.ts).
 */
function fieldTokens(wanted: FieldFilter[], procedure: CompiledProcedure): string[] {
  const declared = new Set(procedure.searchFilters.map((f) => f.field));
  const reasons = wanted.flatMap(({ field, value }, i) => {
    if (!declared.has(field)) return [{ code: "field", message: `filtre inconnu « ${field} »`, pointers: [`?/filter/${i}`] }];
    if (normalizeFilterValue(value) === "") return [{ code: "field", message: `valeur vide pour le filtre « ${field} »`, pointers: [`?/filter/${i}`] }];
    return [];
  });
  if (reasons.length > 0) {
    const known = declared.size > 0 ? `les filtres possibles sont ${[...declared].map((f) => `« ${f} »`).join(", ")}` : "elle n'en déclare aucun";
    throw new Refusal("input", `Paramètre filter invalide (champ:valeur) : ${reasons.map((r) => r.message).join(" ; ")}. Pour la procédure « ${procedure.id} », ${known}.`, reasons);
  }
  return [...new Set(wanted.map(({ field, value }) => filterToken(field, value)))];
}
