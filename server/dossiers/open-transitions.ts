/**
 * The actions open to a person on a dossier now: the events its current
 * state (and its parents) accept from that person's role, each with its
 * input form, its prefilled values, and whether it is available already —
 * chosen exactly as sending chooses (select-transition.ts): available when
 * one of the event's guarded alternatives passes with an empty input (a
 * guard that reads the input, such as a derogation, may open once filled),
 * else with the reasons of the first one; and not available when the label
 * years forbid it now (no report awaited, or not before its year starts).
 */
import { dedupeReasons } from "../../workflows/guards";
import type { GuardReason } from "../../workflows/types";
import { type Actor } from "../engine/decide-transition";
import { evaluate } from "../engine/expressions";
import { ancestry } from "../engine/lifecycle";
import { cycleConditions } from "../engine/plan-cycles";
import { selectTransition } from "../engine/select-transition";
import type { EngineContext } from "./context";
import { loadAuthorized } from "./authorize";
import { extrasOf, storedCycles } from "./dossier-cycles";

export type OpenTransition = {
  event: string;
  label: string;
  form: { id: string; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> } | null;
  /** The form's initial values (the transition's `prefill`), or null. */
  prefill: Record<string, unknown> | null;
  available: boolean;
  reasons: GuardReason[];
};

export async function openTransitions(ctx: EngineContext, dossierId: string, actor: Actor): Promise<{ version: number; state: string; items: OpenTransition[] }> {
  const { row, procedure } = await loadAuthorized(ctx, ctx.db.kysely, dossierId, actor);
  const cycles = await storedCycles(ctx.db.kysely, dossierId);
  const dossier = { state: row.state, data: JSON.parse(row.data) as Record<string, unknown>, facts: JSON.parse(row.facts) as Record<string, unknown>, extras: extrasOf(row, cycles.facts) };
  const now = ctx.clock();
  const events = [...new Set(procedure.transitions.filter((t) => ancestry(row.state).includes(t.source) && t.roles.includes(actor.role)).map((t) => t.event))];
  const items = events.map((event): OpenTransition => {
    const selection = selectTransition(procedure, dossier, event, {}, actor, now, "list");
    const first = selection.allowed[0]!;
    const form = selection.form ? procedure.pkg.forms[selection.form]! : null;
    const prefill = first.prefill !== undefined ? evaluate(first.prefill, selection.evaluation.context) : null;
    const blocked = cycleConditions(procedure, event, cycles.facts, procedure.localDate(now));
    return {
      event, label: first.label,
      form: form ? { id: form.id, title: form.title, schema: form.schema, uiSchema: form.ui } : null,
      prefill: typeof prefill === "object" && prefill !== null && !Array.isArray(prefill) ? (prefill as Record<string, unknown>) : null,
      available: selection.chosen !== null && blocked.length === 0,
      reasons: dedupeReasons([...selection.reasons, ...blocked]),
    };
  });
  return { version: row.version, state: row.state, items };
}
