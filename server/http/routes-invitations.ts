/**
 * Invitations: an admin invites, lists, sends again and revokes within its
 * territory; anyone holding a link may see what it offers and accept it
 * (limited per IP, since accepting hashes a password).
 */
import { getCookie } from "hono/cookie";
import type { Auth } from "../auth/accounts";
import { createInvitations } from "../auth/invitations";
import { enforceLimit, LIMITS, type Limits } from "../auth/rate-limit";
import type { Role } from "../engine/decide-transition";
import { Refusal } from "../engine/decide-transition";
import type { Db } from "../store/database";
import type { Api } from "./api";
import { clientIp } from "./routes-auth";
import { AcceptInvitationBody, InvitationBody, InvitationItem, InvitationSummary, TokenOnlyBody } from "./schemas";
import { sendSession, SESSION_COOKIE, SessionBody } from "./session-cookie";

export type InvitationRouteOptions = { auth: Auth; db: Db; secureCookies: boolean; /** The fixed origin of emailed links (never the request's Host). */ linkOrigin: string; trustProxy?: boolean; limits?: Limits };

export function registerInvitationRoutes(api: Api, options: InvitationRouteOptions): void {
  const { auth, db } = options;
  const invitations = createInvitations({ db, clock: auth.clock });
  const limits = options.limits ?? LIMITS;
  const idParam = (id: string | undefined) => id ?? "";

  api.route<{ token: string }>({
    method: "post", path: "/api/invitations/inspect", summary: "Ce qu'offre un lien d'invitation encore valable", tags: ["Comptes"], access: "public",
    body: TokenOnlyBody, errors: [404],
    success: {
      status: 200, description: "Invitation",
      schema: { type: "object", properties: { email: { type: "string" }, role: { type: "string" }, organisationName: { type: ["string", "null"] }, territoryName: { type: ["string", "null"] } } },
    },
    handler: async (c, body) => {
      const found = await invitations.inspect(body.token);
      if (!found) throw new Refusal("not_found", "Cette invitation n'existe pas, a expiré ou a déjà servi.");
      return c.json(found);
    },
  });
  api.route<{ token: string; displayName: string; password: string }>({
    method: "post", path: "/api/invitations/accept", summary: "Accepter une invitation (lien à usage unique) et choisir son mot de passe", tags: ["Comptes"], access: "public",
    body: AcceptInvitationBody, success: { status: 200, description: "Compte créé, session ouverte", schema: SessionBody }, errors: [404, 422, 429],
    handler: async (c, body) => {
      await enforceLimit(db.kysely, `invitation-accept-ip:${clientIp(c, options.trustProxy)}`, limits.invitationAcceptPerIp, auth.clock(), "Trop de tentatives depuis votre adresse IP. Réessayez dans quelques minutes.");
      return sendSession(c, await auth.acceptInvitation(body.token, body.displayName, body.password, getCookie(c, SESSION_COOKIE)), options.secureCookies);
    },
  });
  api.route<{ email: string; role: Role; organisationId?: string }>({
    method: "post", path: "/api/invitations", summary: "Inviter une personne : le lien à usage unique (7 jours) lui est envoyé par courriel", tags: ["Comptes"], access: ["admin"], body: InvitationBody,
    success: { status: 201, description: "Invitation créée et envoyée", schema: InvitationSummary }, errors: [422],
    handler: async (c, body, account) => c.json(await invitations.invite(account!, body, options.linkOrigin), 201),
  });
  api.route({
    method: "get", path: "/api/invitations", summary: "Les invitations du territoire et leur état", tags: ["Comptes"], access: ["admin"],
    success: { status: 200, description: "Invitations", schema: { type: "object", properties: { items: { type: "array", items: InvitationItem } } } },
    handler: async (c, _b, account) => c.json({ items: await invitations.list(account!) }),
  });
  api.route({
    method: "post", path: "/api/invitations/:id/resend", summary: "Envoyer de nouveau une invitation (nouveau lien ; l'ancien ne sert plus)", tags: ["Comptes"], access: ["admin"],
    body: { type: "object", additionalProperties: false, properties: {} },
    success: { status: 200, description: "Invitation envoyée de nouveau ; son identifiant change", schema: InvitationSummary }, errors: [404, 409],
    handler: async (c, _b, account) => c.json(await invitations.resend(account!, idParam(c.req.param("id")), options.linkOrigin)),
  });
  api.route({
    method: "delete", path: "/api/invitations/:id", summary: "Révoquer une invitation", tags: ["Comptes"], access: ["admin"],
    success: { status: 204, description: "Invitation révoquée" }, errors: [404, 409],
    handler: async (c, _b, account) => {
      await invitations.revoke(account!, idParam(c.req.param("id")));
      return c.body(null, 204);
    },
  });
}
