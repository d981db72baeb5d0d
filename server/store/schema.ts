/**
 * The tables, as Kysely types. Timestamps are ISO 8601 UTC strings and JSON
 * is stored as text on both databases, so the two dialects behave the same.
 */
export type ProcedureVersionTable = {
  id: string;
  procedure_id: string;
  /** 1, 2, 3… per procedure, in publication order. */
  seq: number;
  files: string;
  published_at: string;
  published_by: string | null;
};

export type OrganisationTable = {
  id: string;
  name: string;
  siret: string | null;
  legal_status?: string | null;
  territory_code: string;
  created_at: string;
};

export type DossierTable = {
  id: string;
  procedure_id: string;
  version_id: string;
  organisation_id: string;
  state: string;
  is_open: number;
  data: string;
  facts: string;
  computed: string;
  rule_results: string;
  search_text: string;
  /** `|field=value|` tokens of the procedure's latest filters (see search-text.ts); null until (re)indexed. */
  filter_text: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
};

export type AuditEventTable = {
  dossier_id: string;
  seq: number;
  at: string;
  actor_id: string;
  actor_role: string;
  event: string;
  from_state: string | null;
  to_state: string;
  input: string;
  rule_results: string;
  data_diff: string;
  prev_hash: string;
  hash: string;
};

export type TimerTable = {
  id: string;
  dossier_id: string;
  /** The state whose entry scheduled it; for a cycle's report timer, the dossier's state when the cycle was opened. */
  state: string;
  event: string;
  due_at: string;
  status: string;
  created_at: string;
  fired_at: string | null;
  outcome: string | null;
  /** The cycle whose report this timer awaits (cancelled only when that report is filed or the cycle closed); null for a state's timer. */
  cycle_id: string | null;
};

export type IdempotencyKeyTable = {
  actor_id: string;
  key: string;
  /** SHA-256 of the request (event, input, expected version): a key reused for another request is refused. */
  fingerprint: string;
  dossier_id: string;
  result: string;
  created_at: string;
};

export type CycleTable = {
  id: string;
  dossier_id: string;
  year_index: number;
  /** 1, 2, 3… per dossier: the opening event that created the cycle (the current period is the latest opening's cycles). */
  opening: number;
  starts_on: string;
  /** The cycle's last day (inclusive), a local date. */
  ends_on: string;
  report_due_at: string;
  report: string | null;
  report_filed_at: string | null;
  funding: number | null;
  funding_formula: string;
  /** "open" (report awaited), "overdue", "reported" or "closed" (the dossier ended without its report). */
  outcome: string;
  /** JSON object by form id of the records filed for this cycle: { input, recordedAt }. */
  records: string | null;
};

/** Dossiers per procedure, organisation and state, kept in step with every write (counts without a scan). */
export type DossierCountTable = {
  procedure_id: string;
  organisation_id: string;
  state: string;
  n: number;
};

export type AccountTable = {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  territory_code: string;
  organisation_id: string | null;
  /** "owner" or "member" of its organisation (managers); null otherwise. */
  organisation_role: string | null;
  status: string;
  created_at: string;
};

export type SessionTable = {
  /** SHA-256 of the cookie's token: a stolen database does not give sessions. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** The identity provider that opened the session (e.g. "proconnect"), null for a password. */
  provider: string | null;
  /** The provider's ID token, kept for the logout at the provider (id_token_hint). */
  id_token: string | null;
};

export type InvitationTable = {
  /** SHA-256 of the one-time token sent in the link. */
  id: string;
  email: string;
  role: string;
  territory_code: string;
  organisation_id: string | null;
  invited_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** For an invitation to an organisation: "owner" or "member". */
  organisation_role: string | null;
  revoked_at: string | null;
};

export type RateLimitTable = { key: string; window_start: string; count: number };

export type AttachmentTable = {
  id: string;
  dossier_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  created_at: string;
};

export type TerritoryTable = { code: string; name: string; created_at: string };

export type JoinRequestTable = {
  id: string;
  organisation_id: string;
  account_id: string;
  message: string | null;
  /** "pending", "approved", "refused" or "cancelled". */
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
};

export type EmailTokenTable = {
  /** SHA-256 of the one-time token sent in the link. */
  id: string;
  /** "signup" or "password_reset" (or another flow's name). */
  purpose: string;
  email: string;
  account_id: string | null;
  /** JSON of the flow's own data, if any. */
  data: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

export type IdentityTable = {
  provider: string;
  subject: string;
  account_id: string;
  email: string;
  created_at: string;
  last_login_at: string | null;
};

export type OutboxTable = {
  /** Also the message's idempotency key (the email's Message-ID is derived from it). */
  id: string;
  /** "email" (webhooks later). */
  channel: string;
  /** What caused it (e.g. "signup_verification"), for logs and tests. */
  kind: string;
  recipient: string;
  /** JSON of the message (for email: subject, text, html). */
  payload: string;
  /** "pending", "sending", "sent" or "failed" (permanently). */
  status: string;
  attempts: number;
  next_attempt_at: string;
  /** While "sending": the claim's end, after which another sender may take the row again. */
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

export type Database = {
  territories: TerritoryTable;
  join_requests: JoinRequestTable;
  email_tokens: EmailTokenTable;
  identities: IdentityTable;
  outbox: OutboxTable;
  accounts: AccountTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  rate_limits: RateLimitTable;
  attachments: AttachmentTable;
  dossier_counts: DossierCountTable;
  procedure_versions: ProcedureVersionTable;
  organisations: OrganisationTable;
  dossiers: DossierTable;
  audit_events: AuditEventTable;
  timers: TimerTable;
  idempotency_keys: IdempotencyKeyTable;
  cycles: CycleTable;
};
