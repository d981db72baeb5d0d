/**
 * JSON Schemas of the organisation routes' bodies and responses (validated by
 * Ajv, published in the OpenAPI document).
 */
import { LEGAL_STATUSES } from "../organisations/create-organisation";

const email = { type: "string", format: "email", maxLength: 254 };

export const OrganisationBody = {
  type: "object", additionalProperties: false, required: ["name"],
  properties: {
    name: { type: "string", minLength: 2, maxLength: 200 },
    siret: { type: "string", minLength: 1, maxLength: 30, description: "14 chiffres ; espaces acceptés." },
    legalStatus: { enum: [...LEGAL_STATUSES] },
    territoryCode: { type: "string", minLength: 1, maxLength: 10 },
  },
};
export const JoinRequestBody = {
  type: "object", additionalProperties: false,
  properties: { message: { type: "string", maxLength: 1000 } },
};
export const DecisionBody = {
  type: "object", additionalProperties: false, required: ["decision"],
  properties: { decision: { enum: ["approve", "refuse"] } },
};
export const OrganisationInvitationBody = {
  type: "object", additionalProperties: false, required: ["email"],
  properties: { email },
};
export const OwnershipBody = {
  type: "object", additionalProperties: false, required: ["accountId"],
  properties: { accountId: { type: "string", minLength: 1, maxLength: 100 } },
};

export const Organisation = {
  type: "object", required: ["id", "name", "siret", "legalStatus", "territoryCode"],
  properties: { id: { type: "string" }, name: { type: "string" }, siret: { type: ["string", "null"] }, legalStatus: { type: ["string", "null"] }, territoryCode: { type: "string" } },
};
export const MembersResponse = {
  type: "object", required: ["organisation", "items", "invitations"],
  properties: {
    organisation: Organisation,
    items: { type: "array", items: { type: "object", properties: { accountId: { type: "string" }, displayName: { type: "string" }, email: { type: "string" }, organisationRole: { enum: ["owner", "member"] } } } },
    invitations: { type: "array", description: "Invitations en attente (propriétaires seulement ; vide sinon).", items: { type: "object", properties: { id: { type: "string" }, email: { type: "string" }, createdAt: { type: "string" }, expiresAt: { type: "string" } } } },
  },
};
