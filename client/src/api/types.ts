/** Shapes of the API's answers, as the pages use them (see /api/openapi.json). */
export type Role = "manager" | "instructor" | "committee" | "admin";
export type OrganisationRole = "owner" | "member";
export type Account = { id: string; email: string; displayName: string; role: Role; territoryCode: string; organisationId: string | null; organisationRole: OrganisationRole | null };
/** A session as the server opens it (sign-in, sign-up, reset, invitation). */
export type SessionAnswer = { account: Account; csrfToken: string };
export type JsonSchema = Record<string, unknown>;
export type FormDef = { id?: string; title: string; schema: JsonSchema; uiSchema?: Record<string, unknown> };
export type FieldError = { pointer: string; message: string; keyword?: string };
export type RuleResult = { name: string; label: string; severity: "blocking" | "warning"; derogable: boolean; fields: string[]; status: "pass" | "fail" | "notApplicable"; message?: string };
export type ComputedDef = { label: string; type: string; unit?: string };
export type Deadline = { label: string; at: string };
export type ProcedureSummary = { id: string; title: string; territory: { code: string; name: string }; timeZone: string; version: string; deadlines: Record<string, Deadline> };
export type ProcedureDetail = ProcedureSummary & {
  description?: string;
  roles: Record<string, { label: string }>;
  parameters: Record<string, { label: string; unit?: string; value: unknown }>;
  applicationForm: string;
  actions: { submit: string; withdraw?: string };
  search: { fields: string[]; filters?: Array<{ field: string; label?: string }> };
  forms: Record<string, FormDef>;
  computed: Record<string, ComputedDef>;
  rules: Record<string, { label: string; severity: string; derogable: boolean; fields: string[] }>;
  lifecycle: Record<string, unknown>;
};
export type Dossier = {
  id: string; procedureId: string; versionId: string; organisationId: string; state: string; stateLabel: string; final?: boolean; dataEditable?: boolean;
  data: Record<string, unknown>; facts: Record<string, unknown>; computed: Record<string, unknown>; ruleResults: RuleResult[];
  version: number; createdAt?: string; updatedAt?: string; submittedAt?: string | null;
};
export type SavedDossier = { dossier: Dossier; fieldErrors: FieldError[] };
export type DossierPage = { items: Dossier[]; nextCursor: string | null; countsByState: Record<string, number> };
/** `prefill`: the form's initial values, computed by the procedure from the dossier. */
export type OpenAction = { event: string; label: string; form: FormDef | null; prefill?: Record<string, unknown> | null; available: boolean; reasons: Array<{ message: string; code?: string }> };
export type HistoryEvent = { seq: number; at: string; actorId: string; actorName?: string | null; actorRole: string; event: string; fromState: string | null; toState: string; input: Record<string, unknown>; hash: string };
/** A label year: `endsOn` is its last day; each record the procedure declares, present or not. */
export type Cycle = {
  year: number; opening?: number; startsOn: string; endsOn: string; reportDueAt: string; reportStatus?: "awaited" | "overdue" | "filed" | "closed";
  report: Record<string, unknown> | null; reportFiledAt: string | null; funding: number | null; outcome: string;
  records?: Array<{ event: string; form: string; label: string; present: boolean; input: unknown; recordedAt: string | null }>;
};
export type Attachment = { id: string; file_name: string; media_type: string; size: number; created_at: string };
export type Organisation = { id: string; name: string; siret?: string | null; territoryCode?: string; legalStatus?: LegalStatus | null };
export type LegalStatus = "association" | "collectivite" | "entreprise" | "etablissement_public" | "autre";
export type Territory = { code: string; name: string };
export type Member = { accountId: string; displayName: string; email: string; organisationRole: OrganisationRole };
export type OrganisationInvitation = { id: string; email: string; expiresAt: string; createdAt?: string; status?: InvitationStatus };
export type OrganisationMembers = { organisation: { id: string; name: string; siret: string | null; legalStatus: LegalStatus | null; territoryCode: string }; items: Member[]; invitations?: OrganisationInvitation[] };
/** GET /api/join-requests/mine: the signed-in manager's own pending request. */
export type OwnJoinRequest = { id: string; organisationId: string; organisationName: string; createdAt: string };
export type JoinRequest = { id: string; accountId: string; displayName: string; email: string; message: string | null; createdAt: string };
export type InvitationStatus = "pending" | "expired" | "used" | "revoked";
export type Invitation = { id: string; email: string; role: Role; organisationId: string | null; createdAt: string; expiresAt: string; status: InvitationStatus };
export type InvitationPreview = { email: string; role: Role; organisationName: string | null; territoryName: string | null };
export type AccountSummary = Account & { status: "active" | "disabled" | string };
export type AuthProviders = { proconnect: boolean };
export type Evaluation = { computed: Record<string, unknown>; rules: RuleResult[]; errors: FieldError[] };
