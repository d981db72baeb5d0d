/**
 * The one registry of guards a lifecycle machine may name. A package's machine
 * says `"guard": { "type": "rulesPass", "params": { … } }`; the loader refuses
 * any type not listed here, validates its params against `paramsSchema` and
 * checks the names they refer to. Each guard answers with a verdict and the
 * French reasons of a refusal, so the engine can say why a transition is closed.
 */
import { readOwnPath } from "./read-path";
import type { GuardEnv, GuardReason, GuardRef, GuardVerdict, RuleResult } from "./types";

export type GuardReferences = {
  deadlines: string[];
  rules: string[];
  computed: Record<string, string>;
  /** `null` when the dotted path is readable for this transition, else a French message. */
  checkPath(path: string): string | null;
};

export type GuardDefinition = {
  description: string;
  paramsSchema: Record<string, unknown>;
  /** French messages for params that name something the package lacks. */
  references(params: Record<string, unknown>, refs: GuardReferences): string[];
  /** Guards nested in the params, with their path below the guard (checked the same way). */
  nested?(params: Record<string, unknown>): Array<{ ref: GuardRef; path: Array<string | number> }>;
  evaluate(params: Record<string, unknown>, env: GuardEnv, evaluateNested: (ref: GuardRef) => GuardVerdict): GuardVerdict;
};

const PASS: GuardVerdict = { ok: true, reasons: [] };

/** A deadline holds to the end of its last second: "…T23:59:59+02:00" still accepts 23:59:59.999. */
export function lastMillisecondOf(at: Date): number {
  return Math.floor(at.getTime() / 1000) * 1000 + 999;
}

/** Reads a dotted path (`data.a.b`, `input.x`) from the guard environment. */
export function readPath(env: GuardEnv, path: string): unknown {
  const [root = "", ...rest] = path.split(".");
  return readOwnPath(root === "input" ? env.input : readOwnPath(env.context, [root]), rest);
}

function failedRuleReasons(failures: RuleResult[]): GuardVerdict {
  return {
    ok: failures.length === 0,
    reasons: failures.map((r) => ({ code: "rule", rule: r.name, message: r.message ?? r.label, pointers: r.fields })),
  };
}

export const GUARDS: Record<string, GuardDefinition> = {
  all: {
    description: "Toutes les gardes listées sont vraies.",
    paramsSchema: {
      type: "object", additionalProperties: false, required: ["guards"],
      properties: { guards: { type: "array", minItems: 1, items: { type: "object", required: ["type"], properties: { type: { type: "string" }, params: { type: "object" } }, additionalProperties: false } } },
    },
    references: () => [],
    nested: (params) => (params.guards as GuardRef[]).map((ref, i) => ({ ref, path: ["params", "guards", i] })),
    evaluate(params, _env, evaluateNested) {
      const verdicts = (params.guards as GuardRef[]).map(evaluateNested);
      return { ok: verdicts.every((v) => v.ok), reasons: verdicts.flatMap((v) => v.reasons) };
    },
  },

  beforeDeadline: {
    description: "L'instant présent ne dépasse pas l'échéance nommée.",
    paramsSchema: { type: "object", additionalProperties: false, required: ["deadline"], properties: { deadline: { type: "string" } } },
    references: (params, refs) =>
      refs.deadlines.includes(params.deadline as string) ? [] : [`échéance inconnue « ${String(params.deadline)} » (échéances du manifeste : ${refs.deadlines.join(", ") || "aucune"})`],
    evaluate(params, env) {
      const deadline = env.deadlines[params.deadline as string];
      if (!deadline) return { ok: false, reasons: [{ code: "deadline", message: "Échéance inconnue." }] };
      if (env.now.getTime() <= lastMillisecondOf(deadline.at)) return PASS;
      const when = deadline.at.toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: env.timeZone });
      return { ok: false, reasons: [{ code: "deadline", message: `${deadline.label} dépassée (${when}).` }] };
    },
  },

  applicationValid: {
    description: "Les données de la candidature respectent entièrement son formulaire.",
    paramsSchema: { type: "object", additionalProperties: false, properties: {} },
    references: () => [],
    evaluate(_params, env) {
      if (env.applicationErrors.length === 0) return PASS;
      return {
        ok: false,
        reasons: env.applicationErrors.map((e) => ({ code: "field", message: e.message, pointers: [e.pointer] })),
      };
    },
  },

  rulesPass: {
    description: "Aucune règle de la gravité donnée n'échoue ; les règles dérogeables sont levées quand le chemin indiqué (un champ, ou une valeur calculée booléenne) vaut vrai.",
    paramsSchema: {
      type: "object", additionalProperties: false, required: ["severity"],
      properties: { severity: { enum: ["blocking", "warning"] }, waiveDerogableWhen: { type: "string", pattern: "^((data|facts|input)(\\.[A-Za-z0-9_]+)+|computed\\.[A-Za-z0-9_]+)$" } },
    },
    references: (params, refs) => {
      const path = params.waiveDerogableWhen;
      if (typeof path !== "string") return [];
      if (path.startsWith("computed.")) {
        const name = path.slice("computed.".length);
        const type = refs.computed[name];
        if (type === undefined) return [`valeur calculée inconnue « ${name} » dans « waiveDerogableWhen »`];
        return type === "boolean" ? [] : [`la valeur calculée « ${name} » de « waiveDerogableWhen » doit être de type boolean (elle est ${type})`];
      }
      const error = refs.checkPath(path);
      return error ? [error] : [];
    },
    evaluate(params, env) {
      const waived = typeof params.waiveDerogableWhen === "string" && readPath(env, params.waiveDerogableWhen) === true;
      const counted = params.severity === "warning" ? ["blocking", "warning"] : ["blocking"];
      const failures = env.ruleResults.filter((r) => r.status === "fail" && counted.includes(r.severity) && !(waived && r.derogable));
      return failedRuleReasons(failures);
    },
  },

  rule: {
    description: "La règle nommée est respectée (ou ne s'applique pas).",
    paramsSchema: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string" } } },
    references: (params, refs) => (refs.rules.includes(params.name as string) ? [] : [`règle inconnue « ${String(params.name)} »`]),
    evaluate(params, env) {
      return failedRuleReasons(env.ruleResults.filter((r) => r.name === params.name && r.status === "fail"));
    },
  },

  computed: {
    description: "La valeur calculée nommée (de type booléen) est vraie.",
    paramsSchema: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string" } } },
    references: (params, refs) => {
      const type = refs.computed[params.name as string];
      if (type === undefined) return [`valeur calculée inconnue « ${String(params.name)} »`];
      return type === "boolean" ? [] : [`la valeur calculée « ${String(params.name)} » doit être de type boolean (elle est ${type})`];
    },
    evaluate(params, env) {
      if (env.context.computed[params.name as string] === true) return PASS;
      return { ok: false, reasons: [{ code: "computed", message: `Condition non remplie : ${env.computedLabels[params.name as string] ?? String(params.name)}.` }] };
    },
  },
};

/**
 * The reasons of a refusal, each said once: a failing rule once (its
 * pointers merged), any other reason once per code and message (pointers
 * merged), in the order first met.
 */
export function dedupeReasons(reasons: GuardReason[]): GuardReason[] {
  const byKey = new Map<string, GuardReason>();
  for (const reason of reasons) {
    const key = reason.rule !== undefined ? `rule\u0000${reason.rule}` : `${reason.code}\u0000${reason.message}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...reason, ...(reason.pointers ? { pointers: [...new Set(reason.pointers)] } : {}) });
      continue;
    }
    const pointers = [...new Set([...(seen.pointers ?? []), ...(reason.pointers ?? [])])];
    if (pointers.length > 0) seen.pointers = pointers;
  }
  return [...byKey.values()];
}

/** Evaluates a guard reference (recursively for `all`). Unknown types refuse. */
export function evaluateGuard(ref: GuardRef, env: GuardEnv): GuardVerdict {
  const definition = Object.hasOwn(GUARDS, ref.type) ? GUARDS[ref.type] : undefined;
  if (!definition) return { ok: false, reasons: [{ code: "guard", message: `Garde inconnue « ${ref.type} ».` }] };
  return definition.evaluate(ref.params ?? {}, env, (nested) => evaluateGuard(nested, env));
}
