/**
 * JSON Schemas of the API's request bodies and main responses: validated on
 * every request (Ajv) and published in the OpenAPI document.
 */
const id = { type: "string", minLength: 1, maxLength: 100 };
const version = { type: "integer", minimum: 1, description: "Version du dossier lue par le client (concurrence optimiste)." };

export const LoginBody = {
  type: "object", additionalProperties: false, required: ["email", "password"],
  properties: { email: { type: "string", format: "email", maxLength: 254 }, password: { type: "string", minLength: 1, maxLength: 256 } },
};
export const AcceptInvitationBody = {
  type: "object", additionalProperties: false, required: ["token", "displayName", "password"],
  properties: { token: { type: "string", minLength: 20, maxLength: 200 }, displayName: { type: "string", minLength: 2, maxLength: 120 }, password: { type: "string", minLength: 12, maxLength: 256 } },
};
export const InvitationBody = {
  type: "object", additionalProperties: false, required: ["email", "role"],
  properties: {
    email: { type: "string", format: "email", maxLength: 254 },
    role: { enum: ["admin", "instructor", "committee", "manager"] },
    organisationId: id,
  },
};
export const PublishBody = {
  type: "object", additionalProperties: false, required: ["files"],
  properties: {
    files: {
      type: "object", description: "Fichiers du paquet : chemin relatif → contenu JSON (texte).", minProperties: 1, maxProperties: 500,
      propertyNames: { type: "string", pattern: "^(?!/)(?!.*\\.\\.)[A-Za-z0-9_./-]+\\.json$", maxLength: 200 },
      additionalProperties: { type: "string", maxLength: 2000000 },
    },
  },
};
export const EvaluateBody = {
  type: "object", additionalProperties: false,
  properties: { data: { type: "object" }, facts: { type: "object" } },
};
export const MigrationBody = {
  type: "object", additionalProperties: false, required: ["toVersion"],
  properties: { toVersion: { type: "string", pattern: "^[0-9a-f]{64}$" } },
};
export const CreateDossierBody = {
  type: "object", additionalProperties: false, required: ["procedureId"],
  properties: { procedureId: id, data: { type: "object" } },
};
export const SaveDataBody = {
  type: "object", additionalProperties: false, required: ["data", "expectedVersion"],
  properties: { data: { type: "object" }, expectedVersion: version },
};
export const VersionOnlyBody = {
  type: "object", additionalProperties: false,
  properties: { expectedVersion: version },
};
export const TransitionBody = {
  type: "object", additionalProperties: false, required: ["event"],
  properties: { event: { type: "string", pattern: "^[A-Z][A-Z0-9_]*$", maxLength: 64 }, input: { type: "object" }, expectedVersion: version },
};
export const ListQuery = {
  type: "object", additionalProperties: false,
  properties: {
    procedureId: id, state: { type: "string", pattern: "^[a-z][a-z0-9_.]*$", maxLength: 200 }, organisationId: id,
    q: { type: "string", maxLength: 200 }, limit: { type: "string", pattern: "^[0-9]{1,3}$" }, after: { type: "string", pattern: "^[0-9a-f-]{36}$" },
    filter: {
      type: "array", maxItems: 10,
      description: "Filtre sur un champ déclaré par la procédure (search.filters du manifeste), sous la forme champ:valeur, sans tenir compte des accents ni de la casse ; répétable, tous doivent correspondre. Exemple : filter=lieu.commune:Saint-Étienne&filter=lieu.prioritaire:true.",
      items: { type: "string", pattern: "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*:.+$", maxLength: 300 },
    },
  },
};

export const Problem = {
  type: "object", required: ["type", "code", "status", "title"],
  properties: {
    type: { type: "string" }, code: { type: "string" }, status: { type: "integer" }, title: { type: "string" }, detail: { type: "string" },
    errors: { type: "array", items: { type: "object", required: ["pointer", "message"], properties: { pointer: { type: "string" }, message: { type: "string" }, rule: { type: "string" }, file: { type: "string" } } } },
  },
};
export const Account = {
  type: "object", required: ["id", "email", "displayName", "role", "territoryCode"],
  properties: { id: { type: "string" }, email: { type: "string" }, displayName: { type: "string" }, role: { type: "string" }, territoryCode: { type: "string" }, organisationId: { type: ["string", "null"] }, organisationRole: { type: ["string", "null"] } },
};
export const Dossier = {
  type: "object", required: ["id", "procedureId", "versionId", "organisationId", "state", "stateLabel", "data", "facts", "computed", "ruleResults", "version"],
  properties: {
    id: { type: "string" }, procedureId: { type: "string" }, versionId: { type: "string" }, organisationId: { type: "string" },
    state: { type: "string" }, stateLabel: { type: "string" }, final: { type: "boolean" }, dataEditable: { type: "boolean" },
    data: { type: "object" }, facts: { type: "object" }, computed: { type: "object" }, ruleResults: { type: "array", items: { type: "object" } },
    version: { type: "integer" }, createdAt: { type: "string" }, updatedAt: { type: "string" }, submittedAt: { type: ["string", "null"] },
  },
};

const emailAddress = { type: "string", format: "email", maxLength: 254 };
const linkToken = { type: "string", minLength: 20, maxLength: 200, description: "Le jeton du lien reçu par courriel (après le #)." };
/** Bounds only: the password policy itself (checkPassword) answers in French, naming the field. */
const newPassword = { type: "string", minLength: 1, maxLength: 256 };
export const EmailOnlyBody = { type: "object", additionalProperties: false, required: ["email"], properties: { email: emailAddress } };
export const TokenOnlyBody = { type: "object", additionalProperties: false, required: ["token"], properties: { token: linkToken } };
export const SignupCompleteBody = {
  type: "object", additionalProperties: false, required: ["token", "displayName", "password"],
  properties: { token: linkToken, displayName: { type: "string", minLength: 2, maxLength: 120, pattern: "\\S" }, password: newPassword },
};
export const PasswordResetBody = { type: "object", additionalProperties: false, required: ["token", "password"], properties: { token: linkToken, password: newPassword } };
export const PasswordChangeBody = {
  type: "object", additionalProperties: false, required: ["currentPassword", "newPassword"],
  properties: { currentPassword: { type: "string", minLength: 1, maxLength: 256 }, newPassword },
};
export const MessageResponse = { type: "object", required: ["message"], properties: { message: { type: "string" } } };
export const InvitationSummary = {
  type: "object", required: ["id", "email", "role", "expiresAt"],
  properties: { id: { type: "string", description: "Identifiant de l'invitation (change à chaque nouvel envoi)." }, email: { type: "string" }, role: { type: "string" }, expiresAt: { type: "string" } },
};
export const InvitationItem = {
  type: "object", required: ["id", "email", "role", "organisationId", "createdAt", "expiresAt", "status"],
  properties: { ...InvitationSummary.properties, organisationId: { type: ["string", "null"] }, createdAt: { type: "string" }, status: { enum: ["pending", "expired", "used", "revoked"] } },
};
