/**
 * Creating a dossier and saving its application data. A draft may be
 * incomplete: it is saved with its field errors returned, but never with data
 * of the wrong shape (wrong types, unknown fields, values out of a list).
 */
import type { FieldError } from "../engine/field-errors";
import { Refusal, type Actor } from "../engine/decide-transition";
import { filterText, searchText } from "../engine/search-text";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { plannedTimers } from "../engine/plan-effects";
import { ancestry } from "../engine/lifecycle";
import { findOrganisation, insertDossier, updateDossier } from "../store/dossier-store";
import { conflict, scheduleTimers } from "./apply-event";
import { appendAudit } from "./audit-trail";
import { authorize, loadAuthorized } from "./authorize";
import { uuidv7, type EngineContext } from "./context";
import { extrasOf, storedCycles } from "./dossier-cycles";
import { toView, type DossierView } from "./dossier-view";

/** Errors that make data unusable even as a draft (as opposed to merely incomplete). */
const SHAPE_KEYWORDS = new Set(["type", "additionalProperties", "enum", "const", "maxLength", "maxItems", "maximum", "exclusiveMaximum", "uniqueItems"]);
const MAX_DATA_BYTES = 2 * 1024 * 1024;

export function shapeErrors(errors: FieldError[]): FieldError[] {
  return errors.filter((e) => SHAPE_KEYWORDS.has(e.keyword));
}

function checkDraftData(procedure: CompiledProcedure, data: unknown): { data: Record<string, unknown>; fieldErrors: FieldError[] } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Refusal("input", "Les données de la candidature doivent être un objet.", [{ code: "field", message: "doit être un objet", pointers: ["/"] }]);
  if (JSON.stringify(data).length > MAX_DATA_BYTES) throw new Refusal("input", "Les données de la candidature dépassent 2 Mo.");
  const fieldErrors = procedure.validateForm(procedure.pkg.manifest.applicationForm, data);
  const blocking = shapeErrors(fieldErrors);
  if (blocking.length > 0) {
    throw new Refusal("input", "Certaines valeurs de la candidature sont invalides.", blocking.map((e) => ({ code: "field", message: e.message, pointers: [e.pointer] })));
  }
  return { data: data as Record<string, unknown>, fieldErrors };
}

export type SavedDraft = { dossier: DossierView; fieldErrors: FieldError[] };

export async function createDraft(ctx: EngineContext, input: { procedureId: string; organisationId: string; data?: unknown }, actor: Actor): Promise<SavedDraft> {
  const procedure = await ctx.registry.latest(input.procedureId);
  authorize(actor, { organisation_id: input.organisationId }, procedure);
  if (actor.role !== "manager" && actor.role !== "admin") throw new Refusal("role", `Le rôle « ${procedure.roleLabel(actor.role)} » ne permet pas de créer un dossier.`);
  const { data, fieldErrors } = checkDraftData(procedure, input.data ?? {});
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await findOrganisation(trx, input.organisationId))) throw new Refusal("not_found", "Organisation introuvable.");
    const now = ctx.clock();
    const at = now.toISOString();
    const { context, ruleResults } = procedure.evaluate(data, {});
    const row = {
      id: uuidv7(), procedure_id: procedure.id, version_id: procedure.hash, organisation_id: input.organisationId,
      state: procedure.initialState, is_open: 1, data: JSON.stringify(data), facts: "{}", computed: JSON.stringify(context.computed),
      rule_results: JSON.stringify(ruleResults), search_text: searchText(data, procedure.pkg.manifest.search?.fields ?? []),
      filter_text: filterText(data, procedure.searchFilters.map((f) => f.field)), version: 1, created_at: at, updated_at: at, submitted_at: null,
    };
    await insertDossier(trx, row);
    await scheduleTimers(trx, row.id, plannedTimers(procedure, ancestry(procedure.initialState), context, now), at);
    await appendAudit(trx, { dossierId: row.id, at: now, actor, event: "CREATE", fromState: null, toState: row.state, input: {}, ruleResults, before: {}, after: { data } });
    return { dossier: toView(row, procedure), fieldErrors };
  });
}

export async function saveDraft(ctx: EngineContext, dossierId: string, data: unknown, actor: Actor, expectedVersion?: number): Promise<SavedDraft> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, procedure } = await loadAuthorized(ctx, trx, dossierId, actor);
    if (actor.role !== "manager") throw new Refusal("role", `Le rôle « ${procedure.roleLabel(actor.role)} » ne permet pas de modifier la candidature.`);
    const info = procedure.states.get(row.state);
    if (!info?.dataEditable) throw new Refusal("not_editable", `La candidature n'est pas modifiable quand le dossier est à l'état « ${info?.label ?? row.state} ».`);
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw conflict(expectedVersion, row.version);
    const checked = checkDraftData(procedure, data);
    const now = ctx.clock();
    const facts = JSON.parse(row.facts) as Record<string, unknown>;
    const { context, ruleResults } = procedure.evaluate(checked.data, facts, extrasOf(row, (await storedCycles(trx, dossierId)).facts));
    // Filter tokens follow the procedure's latest filters, whichever version the dossier is on.
    const latest = await ctx.registry.latest(row.procedure_id, trx);
    const changes = {
      data: JSON.stringify(checked.data), computed: JSON.stringify(context.computed), rule_results: JSON.stringify(ruleResults),
      search_text: searchText(checked.data, procedure.pkg.manifest.search?.fields ?? []),
      filter_text: filterText(checked.data, latest.searchFilters.map((f) => f.field)), updated_at: now.toISOString(),
    };
    if (!(await updateDossier(trx, dossierId, row.version, changes))) throw conflict(row.version, row.version + 1);
    await appendAudit(trx, { dossierId, at: now, actor, event: "SAVE", fromState: row.state, toState: row.state, input: {}, ruleResults, before: { data: JSON.parse(row.data) }, after: { data: checked.data } });
    return { dossier: toView({ ...row, ...changes, version: row.version + 1 }, procedure), fieldErrors: checked.fieldErrors };
  });
}
