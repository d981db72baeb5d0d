/**
 * Types shared by the guard registry, the timer arithmetic and the engine.
 */

/** What expressions, rules and guards read: the dossier's data and facts, the package's parameters, the computed values. */
export type EvaluationContext = {
  data: Record<string, unknown>;
  /** Latest input of each action form, by form id (e.g. the committee's decision). */
  facts: Record<string, unknown>;
  parameters: Record<string, number | string>;
  computed: Record<string, unknown>;
};

export type RuleStatus = "pass" | "fail" | "notApplicable";

export type RuleResult = {
  name: string;
  label: string;
  status: RuleStatus;
  severity: "blocking" | "warning";
  derogable: boolean;
  /** The rendered French message, when the rule fails. */
  message?: string;
  /** JSON pointers of the application fields concerned. */
  fields: string[];
};

export type GuardRef = { type: string; params?: Record<string, unknown> };

export type GuardReason = { code: string; message: string; rule?: string; pointers?: string[] };

export type GuardVerdict = { ok: boolean; reasons: GuardReason[] };

/** Everything a guard may look at when the engine decides a transition. */
export type GuardEnv = {
  context: EvaluationContext;
  input: unknown;
  now: Date;
  timeZone: string;
  ruleResults: RuleResult[];
  applicationErrors: Array<{ pointer: string; message: string }>;
  deadlines: Record<string, { label: string; at: Date }>;
  computedLabels: Record<string, string>;
};
