/**
 * Types shared by the guard registry, the timer arithmetic and the engine.
 */

/**
 * The current label period of a dossier: the cycles opened by the last
 * opening event (e.g. the first label year, or the two years of a renewal).
 * Dates are local dates (YYYY-MM-DD) in the procedure's time zone; `endsOn`
 * is the last day of the period, `nextStartsOn` the day after it.
 */
export type PeriodView = {
  startsOn: string;
  endsOn: string;
  nextStartsOn: string;
  /** Number of cycles (label years) in the period. */
  years: number;
  /** Cycles of the whole dossier so far (all periods). */
  cycleCount: number;
  /** Cycles of the dossier (all periods) whose report is awaited and not overdue yet. */
  reportsAwaited: number;
  /** Cycles of the dossier (all periods) whose report is overdue and still not filed. */
  reportsOverdue: number;
};

/** Facts about the dossier itself that expressions may read (`dossier.*`). */
export type DossierInfo = {
  /** Local date (YYYY-MM-DD, procedure time zone) of the submission, or null before it. */
  submittedOn: string | null;
};

/**
 * What expressions, rules and guards read: the dossier's data and facts, the
 * package's parameters and deadlines, the computed values, and a few facts of
 * the procedure, the dossier and its current label period.
 */
export type EvaluationContext = {
  data: Record<string, unknown>;
  /** Latest input of each action form, by form id (e.g. the committee's decision). */
  facts: Record<string, unknown>;
  parameters: Record<string, number | string>;
  computed: Record<string, unknown>;
  /** Each manifest deadline as its local date (YYYY-MM-DD in the procedure's time zone). */
  deadlines: Record<string, string>;
  procedure: { id: string; territory: { code: string; name: string } };
  dossier: DossierInfo;
  /** The current label period, or null while the dossier has no cycle. */
  period: PeriodView | null;
};

/** What the engine knows beyond data and facts when it evaluates a dossier. */
export type EvaluationExtras = { submittedAt?: string | null; period?: PeriodView | null };

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
