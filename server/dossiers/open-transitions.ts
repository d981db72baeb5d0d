/**
 * The actions open to a person on a dossier now: the events its current
 * state (and its parents) accept from that person's role, each with its
 * input form and whether its guard passes already (with an empty input; a
 * guard that reads the input, such as a derogation, may open once filled).
 */
import { evaluateGuard } from "../../workflows/guards";
import type { GuardReason } from "../../workflows/types";
import { guardEnv, type Actor } from "../engine/decide-transition";
import { ancestry } from "../engine/lifecycle";
import type { EngineContext } from "./context";
import { loadAuthorized } from "./authorize";

export type OpenTransition = {
  event: string;
  label: string;
  form: { id: string; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> } | null;
  available: boolean;
  reasons: GuardReason[];
};

export async function openTransitions(ctx: EngineContext, dossierId: string, actor: Actor): Promise<{ version: number; state: string; items: OpenTransition[] }> {
  const { row, procedure } = await loadAuthorized(ctx, ctx.db.kysely, dossierId, actor);
  const dossier = { state: row.state, data: JSON.parse(row.data) as Record<string, unknown>, facts: JSON.parse(row.facts) as Record<string, unknown> };
  const { env } = guardEnv(procedure, dossier, {}, ctx.clock());
  const seen = new Set<string>();
  const items: OpenTransition[] = [];
  for (const t of procedure.transitions) {
    if (seen.has(t.event) || !ancestry(row.state).includes(t.source) || !t.roles.includes(actor.role)) continue;
    seen.add(t.event);
    const verdict = t.guard ? evaluateGuard(t.guard, env) : { ok: true, reasons: [] };
    const form = t.form ? procedure.pkg.forms[t.form]! : null;
    items.push({
      event: t.event, label: t.label,
      form: form ? { id: form.id, title: form.title, schema: form.schema, uiSchema: form.ui } : null,
      available: verdict.ok, reasons: verdict.reasons,
    });
  }
  return { version: row.version, state: row.state, items };
}
