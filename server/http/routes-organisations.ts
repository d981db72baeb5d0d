/**
 * Organisations and their people: territories to choose from, declaring an
 * organisation (an admin for its territory; a manager without one, who
 * becomes its owner), finding one by SIRET, join requests and decisions,
 * members, invitations by email, removing a member or leaving, handing the
 * ownership over. The rules live in server/organisations/; these routes
 * declare access, bodies and responses.
 */
import type { Context } from "hono";
import type { Engine } from "../dossiers/engine";
import { Refusal } from "../engine/decide-transition";
import { createOwnOrganisation, type LegalStatus } from "../organisations/create-organisation";
import { decideJoinRequest, listJoinRequests, requestToJoin } from "../organisations/join-requests";
import { handOver, inviteMember, organisationMembers, removeMember } from "../organisations/members";
import { ownJoinRequest, withdrawJoinRequest } from "../organisations/join-requests";
import { checkSiret } from "../organisations/siret";
import { alreadyInOrganisation } from "../organisations/access";
import type { Db } from "../store/database";
import { findOrganisationBySiret } from "../store/organisation-store";
import { listTerritories } from "../store/territory-store";
import type { Api, AppEnv } from "./api";
import { AppError } from "./problem";
import { Account } from "./schemas";
import { Organisation, OrganisationBody, JoinRequestBody, DecisionBody, MembersResponse, OrganisationInvitationBody, OwnershipBody } from "./organisation-schemas";

export type OrganisationRouteOptions = { engine: Engine; db: Db; clock: () => Date; /** The fixed origin of emailed links (never the request's Host). */ linkOrigin: string };

type OrganisationBodyType = { name: string; siret?: string; legalStatus?: LegalStatus; territoryCode?: string };
const param = (c: Context<AppEnv>, name: string) => c.req.param(name)!;

export function registerOrganisationRoutes(api: Api, options: OrganisationRouteOptions): void {
  const { engine, db } = options;
  const deps = { db, clock: options.clock };

  api.route({
    method: "get", path: "/api/territories", summary: "Les territoires où des organisations peuvent s'inscrire", tags: ["Organisations"], access: "public",
    success: { status: 200, description: "Territoires", schema: { type: "object", properties: { items: { type: "array", items: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } } } } } },
    handler: async (c) => c.json({ items: (await listTerritories(db.kysely)).map((t) => ({ code: t.code, name: t.name })) }),
  });
  api.route({
    method: "get", path: "/api/organisations", summary: "Les organisations visibles (celles du territoire, ou la sienne)", tags: ["Organisations"], access: "authenticated",
    success: { status: 200, description: "Organisations", schema: { type: "object", properties: { items: { type: "array", items: { type: "object" } } } } },
    handler: async (c, _b, account) => {
      if (account!.role === "manager") {
        const own = account!.organisationId ? await engine.findOrganisation(account!.organisationId) : undefined;
        return c.json({ items: own ? [own] : [] });
      }
      return c.json({ items: await engine.organisations(account!.territoryCode) });
    },
  });
  api.route<OrganisationBodyType>({
    method: "post", path: "/api/organisations", tags: ["Organisations"], access: ["admin", "manager"], body: OrganisationBody,
    summary: "Déclarer une organisation : un administrateur pour son territoire ; un gestionnaire sans organisation en devient propriétaire",
    success: { status: 201, description: "Organisation créée (gestionnaire : l'organisation et son compte mis à jour ; administrateur : l'organisation)", schema: { type: "object", properties: { organisation: Organisation, account: Account } } },
    errors: [409, 422],
    handler: async (c, body, account) => {
      if (account!.role === "admin") {
        if (body.territoryCode !== undefined && body.territoryCode !== account!.territoryCode) {
          throw new Refusal("input", "Un administrateur déclare les organisations de son territoire.", [{ code: "field", message: "territoire de l'administrateur attendu", pointers: ["/territoryCode"] }]);
        }
        return c.json(await engine.createOrganisation({ name: body.name, ...(body.siret !== undefined ? { siret: body.siret } : {}), ...(body.legalStatus ? { legalStatus: body.legalStatus } : {}), territoryCode: account!.territoryCode }), 201);
      }
      if (account!.organisationId) throw alreadyInOrganisation();
      const missing = (["siret", "legalStatus", "territoryCode"] as const).filter((k) => body[k] === undefined);
      if (missing.length > 0) {
        throw new Refusal("input", "Renseignez le SIRET, le statut juridique et le territoire de l'organisation.", missing.map((k) => ({ code: "field", message: "requis", pointers: [`/${k}`] })));
      }
      return c.json(await createOwnOrganisation(deps, account!, body as Required<OrganisationBodyType>), 201);
    },
  });
  api.route({
    method: "get", path: "/api/organisations/lookup", summary: "Trouver une organisation inscrite par son SIRET (pour demander à la rejoindre)", tags: ["Organisations"], access: ["manager"],
    query: { type: "object", additionalProperties: false, required: ["siret"], properties: { siret: { type: "string", minLength: 1, maxLength: 30 } } },
    success: { status: 200, description: "Organisation", schema: { type: "object", required: ["id", "name", "territoryCode"], properties: { id: { type: "string" }, name: { type: "string" }, territoryCode: { type: "string" } } } },
    errors: [404, 422],
    handler: async (c) => {
      const org = await findOrganisationBySiret(db.kysely, checkSiret(c.req.query("siret") ?? "", "?/siret"));
      if (!org) throw new AppError("not_found", 404, "Organisation introuvable", "Aucune organisation n'est inscrite avec ce SIRET : vous pouvez la créer.");
      return c.json({ id: org.id, name: org.name, territoryCode: org.territory_code });
    },
  });
  api.route<{ message?: string }>({
    method: "post", path: "/api/organisations/:id/join-requests", summary: "Demander à rejoindre une organisation (ses propriétaires sont prévenus par courriel)", tags: ["Organisations"], access: ["manager"], body: JoinRequestBody,
    success: { status: 201, description: "Demande enregistrée", schema: { type: "object", properties: { id: { type: "string" }, status: { const: "pending" } } } }, errors: [404, 409, 422],
    handler: async (c, body, account) => c.json(await requestToJoin(deps, account!, param(c, "id"), body.message, options.linkOrigin), 201),
  });
  api.route({
    method: "get", path: "/api/organisations/:id/join-requests", summary: "Les demandes en attente pour rejoindre l'organisation (propriétaires)", tags: ["Organisations"], access: ["manager"],
    success: { status: 200, description: "Demandes", schema: { type: "object", properties: { items: { type: "array", items: { type: "object", properties: { id: { type: "string" }, accountId: { type: "string" }, displayName: { type: "string" }, email: { type: "string" }, message: { type: ["string", "null"] }, createdAt: { type: "string" } } } } } } },
    errors: [404],
    handler: async (c, _b, account) => c.json({ items: await listJoinRequests(deps, account!, param(c, "id")) }),
  });
  api.route<{ decision: "approve" | "refuse" }>({
    method: "post", path: "/api/join-requests/:id/decision", summary: "Accepter ou refuser une demande (propriétaires ; la personne est prévenue par courriel)", tags: ["Organisations"], access: ["manager"], body: DecisionBody,
    success: { status: 200, description: "Demande close", schema: { type: "object", properties: { id: { type: "string" }, status: { enum: ["approved", "refused"] } } } }, errors: [404, 409],
    handler: async (c, body, account) => c.json(await decideJoinRequest(deps, account!, param(c, "id"), body.decision, options.linkOrigin)),
  });
  api.route({
    method: "get", path: "/api/organisations/:id/members", summary: "L'organisation, ses membres et (propriétaires) ses invitations en attente", tags: ["Organisations"], access: "authenticated",
    success: { status: 200, description: "Membres", schema: MembersResponse }, errors: [404],
    handler: async (c, _b, account) => c.json(await organisationMembers(deps, account!, param(c, "id"))),
  });
  api.route<{ email: string }>({
    method: "post", path: "/api/organisations/:id/invitations", summary: "Inviter une personne à rejoindre l'organisation (lien par courriel, 7 jours)", tags: ["Organisations"], access: ["manager"], body: OrganisationInvitationBody,
    success: { status: 201, description: "Invitation envoyée (même réponse que l'adresse ait un compte ou non)", schema: { type: "object", properties: { id: { type: "string" }, email: { type: "string" }, expiresAt: { type: "string" } } } },
    errors: [404, 429],
    handler: async (c, body, account) => c.json(await inviteMember(deps, account!, param(c, "id"), body.email, options.linkOrigin), 201),
  });
  api.route({
    method: "delete", path: "/api/organisations/:id/members/:accountId", summary: "Retirer un membre (propriétaires) ou quitter l'organisation (soi-même) ; jamais le dernier propriétaire", tags: ["Organisations"], access: ["manager"],
    success: { status: 204, description: "Membre retiré" }, errors: [404, 422],
    handler: async (c, _b, account) => {
      await removeMember(deps, account!, param(c, "id"), param(c, "accountId"));
      return c.body(null, 204);
    },
  });
  api.route<{ accountId: string }>({
    method: "post", path: "/api/organisations/:id/ownership", summary: "Transmettre la propriété à un membre (on en reste membre)", tags: ["Organisations"], access: ["manager"], body: OwnershipBody,
    success: { status: 200, description: "Membres après la transmission", schema: MembersResponse }, errors: [404, 422],
    handler: async (c, body, account) => c.json(await handOver(deps, account!, param(c, "id"), body.accountId)),
  });
  api.route({
    method: "get", path: "/api/join-requests/mine", summary: "Sa propre demande en attente pour rejoindre une organisation (ou null)", tags: ["Organisations"], access: ["manager"],
    success: { status: 200, description: "Demande en attente", schema: { type: "object", required: ["item"], properties: { item: { anyOf: [{ type: "null" }, { type: "object", required: ["id", "organisationId", "organisationName", "createdAt"], properties: { id: { type: "string" }, organisationId: { type: "string" }, organisationName: { type: "string" }, createdAt: { type: "string" } } }] } } } },
    handler: async (c, _b, account) => c.json({ item: await ownJoinRequest(deps, account!) }),
  });
  api.route({
    method: "delete", path: "/api/join-requests/:id", summary: "Retirer sa demande en attente pour rejoindre une organisation", tags: ["Organisations"], access: ["manager"],
    success: { status: 204, description: "Demande retirée" }, errors: [404, 409],
    handler: async (c, _b, account) => {
      await withdrawJoinRequest(deps, account!, param(c, "id"));
      return c.body(null, 204);
    },
  });
}
