/**
 * Checks of a state's durable timers: the event is handled by the state or a
 * parent; the starting point is the state's entry, a date or date-time field
 * of the dossier, a computed value of type date, or a date of the current
 * label period; a delay names a duration parameter, or an integer of the
 * dossier (a field of type integer, a computed value of type integer).
 */
import type { Timer } from "./generated/machine";
import { packageScope, type ScopeSources } from "./package-scope";
import { pointer } from "./problems";
import { expand, formatsOf, resolvePath, type SchemaNode } from "./schema-paths";

export type TimerContext = ScopeSources & { computedTypes: Record<string, string>; parameterUnits: Record<string, string> };

const PERIOD_DATES = ["period.startsOn", "period.endsOn", "period.nextStartsOn"];

function typesOf(nodes: SchemaNode[]): string[] {
  return nodes.flatMap((n) => expand(n)).flatMap((n) => {
    const type = (n.schema as { type?: unknown } | null)?.type;
    return typeof type === "string" ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
  });
}

/** The schema nodes of a data.* or facts.<form>.* path (the scope has checked it exists). */
function fieldNodes(ctx: TimerContext, path: string): SchemaNode[] {
  const [root, ...rest] = path.split(".");
  const schema = root === "data" ? ctx.formSchemas[ctx.applicationForm] : ctx.formSchemas[rest.shift() ?? ""];
  return resolvePath(schema, rest);
}

function checkFrom(timer: Timer, ctx: TimerContext): string | null {
  if (timer.from === "entry" || PERIOD_DATES.includes(timer.from)) return null;
  const error = packageScope(ctx).check(timer.from);
  if (error) return error;
  if (timer.from.startsWith("computed.")) {
    const type = ctx.computedTypes[timer.from.slice("computed.".length)];
    return type === "date" ? null : `« ${timer.from} » n'est pas une valeur calculée de type date (elle est ${type})`;
  }
  const formats = formatsOf(fieldNodes(ctx, timer.from));
  return formats.some((f) => f === "date" || f === "date-time") ? null : `« ${timer.from} » n'est pas un champ de format date ou date-time`;
}

function checkDelay(timer: Timer, ctx: TimerContext, at: string, report: (at: string, message: string) => void): void {
  const delay = timer.delay;
  if (typeof delay !== "object") return;
  if ("parameter" in delay) {
    if (ctx.parameterUnits[delay.parameter] !== "duration") report(pointer(at, "delay", "parameter"), `« ${delay.parameter} » n'est pas un paramètre de durée du manifeste`);
    return;
  }
  const [unit, path] = Object.entries(delay)[0] as [string, string];
  const where = pointer(at, "delay", unit);
  const error = packageScope(ctx).check(path);
  if (error) return report(where, error);
  if (path.startsWith("computed.")) {
    const type = ctx.computedTypes[path.slice("computed.".length)];
    if (type !== "integer") report(where, `« ${path} » doit être une valeur calculée de type integer (elle est ${type})`);
    return;
  }
  if (!typesOf(fieldNodes(ctx, path)).includes("integer")) report(where, `« ${path} » n'est pas un champ de type integer : le délai se compte en nombre entier de ${unit === "days" ? "jours" : unit === "months" ? "mois" : "années"}`);
}

/** Reports the problems of the timer at `at`; `handled` says whether its state, a parent or a sub-state takes its event. */
export function checkTimer(timer: Timer, ctx: TimerContext, at: string, handled: boolean, report: (at: string, message: string) => void): void {
  if (!handled) report(pointer(at, "event"), `l'événement « ${timer.event} » n'est traité ni par cet état, ni par ses parents, ni par ses sous-états`);
  const fromError = checkFrom(timer, ctx);
  if (fromError) report(pointer(at, "from"), fromError);
  checkDelay(timer, ctx, at, report);
}
