/**
 * Dossiers: list, create, read, save the application, submit, withdraw,
 * the actions open now and sending one, history, annual cycles, attachments.
 * Authorization per dossier is the engine's (organisation, territory, role
 * per transition); these routes add the coarse role rule and the territory
 * of listings.
 */
import type { Engine } from "../dossiers/engine";
import { MAX_ATTACHMENT_BYTES } from "../dossiers/attachments";
import { Refusal } from "../engine/decide-transition";
import type { Api } from "./api";
import { actor } from "./routes-auth";
import { AppError } from "./problem";
import { CreateDossierBody, Dossier, ListQuery, SaveDataBody, TransitionBody, VersionOnlyBody } from "./schemas";

/** Who acted when the engine itself did (timers, scheduled events). */
const SYSTEM_NAME = "Guichet (automatique)";
const HistoryResponse = {
  type: "object", required: ["items"],
  properties: {
    items: {
      type: "array",
      items: {
        type: "object", required: ["seq", "at", "actorId", "actorRole", "actorName", "event", "toState"],
        properties: {
          seq: { type: "integer" }, at: { type: "string" }, actorId: { type: "string" }, actorRole: { type: "string" },
          actorName: { type: ["string", "null"], description: `Nom affiché du compte ; « ${SYSTEM_NAME} » pour le système ; null si le compte est inconnu.` },
          event: { type: "string" }, fromState: { type: ["string", "null"] }, toState: { type: "string" },
          input: { type: "object" }, dataDiff: {}, hash: { type: "string" },
        },
      },
    },
  },
};
const withId = (c: { req: { param(name: string): string | undefined } }) => c.req.param("id")!;
const idempotencyKey = (c: { req: { header(name: string): string | undefined } }) => c.req.header("Idempotency-Key") ?? undefined;

export function registerDossierRoutes(api: Api, engine: Engine): void {
  api.route({
    method: "get", path: "/api/dossiers", summary: "Lister les dossiers (filtres dont les champs déclarés par la procédure, pagination par curseur, comptes par état)", tags: ["Dossiers"], access: "authenticated", query: ListQuery,
    success: { status: 200, description: "Page de dossiers", schema: { type: "object", properties: { items: { type: "array", items: Dossier }, nextCursor: { type: ["string", "null"] }, countsByState: { type: "object" } } } },
    handler: async (c, _b, account) => {
      const q = c.req.query();
      const filters = (c.req.queries("filter") ?? []).map((f) => ({ field: f.slice(0, f.indexOf(":")), value: f.slice(f.indexOf(":") + 1) }));
      if (account!.role !== "manager") {
        if (!q.procedureId) throw new Refusal("input", "Précisez la procédure (procedureId).", [{ code: "field", message: "requis", pointers: ["?/procedureId"] }]);
        const procedure = (await engine.procedures()).find((p) => p.id === q.procedureId);
        if (!procedure) throw new AppError("procedure_not_found", 404, "Procédure introuvable", `Aucune procédure « ${q.procedureId} ».`);
        if (procedure.pkg.manifest.territory.code !== account!.territoryCode) throw new Refusal("forbidden", "Cette procédure relève d'un autre territoire que le vôtre.");
      }
      return c.json(await engine.list({
        ...(q.procedureId ? { procedureId: q.procedureId } : {}), ...(q.state ? { state: q.state } : {}),
        ...(q.organisationId ? { organisationId: q.organisationId } : {}), ...(q.q ? { text: q.q } : {}), ...(filters.length > 0 ? { filters } : {}),
        ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.after ? { after: q.after } : {}),
      }, actor(account)));
    },
  });
  api.route<{ procedureId: string; data?: Record<string, unknown> }>({
    method: "post", path: "/api/dossiers", summary: "Créer un dossier (brouillon) pour son organisation", tags: ["Dossiers"], access: ["manager"], body: CreateDossierBody,
    success: { status: 201, description: "Brouillon créé, avec les erreurs de champ restantes", schema: { type: "object", properties: { dossier: Dossier, fieldErrors: { type: "array" } } } }, errors: [404, 422],
    handler: async (c, body, account) => {
      const procedure = (await engine.procedures()).find((p) => p.id === body.procedureId);
      if (!procedure) throw new AppError("procedure_not_found", 404, "Procédure introuvable", `Aucune procédure « ${body.procedureId} ».`);
      if (procedure.pkg.manifest.territory.code !== account!.territoryCode) throw new Refusal("forbidden", "Cette procédure relève d'un autre territoire que le vôtre.");
      return c.json(await engine.createDraft({ procedureId: body.procedureId, organisationId: account!.organisationId ?? "", ...(body.data ? { data: body.data } : {}) }, actor(account)), 201);
    },
  });
  api.route({
    method: "get", path: "/api/dossiers/:id", summary: "Lire un dossier", tags: ["Dossiers"], access: "authenticated",
    success: { status: 200, description: "Dossier", schema: Dossier }, errors: [404],
    handler: async (c, _b, account) => c.json(await engine.getDossier(withId(c), actor(account))),
  });
  api.route<{ data: Record<string, unknown>; expectedVersion?: number }>({
    method: "put", path: "/api/dossiers/:id/data", summary: "Enregistrer la candidature (brouillon : incomplète acceptée, erreurs de champ renvoyées)", tags: ["Dossiers"], access: ["manager"], body: SaveDataBody,
    success: { status: 200, description: "Dossier enregistré", schema: { type: "object", properties: { dossier: Dossier, fieldErrors: { type: "array" } } } }, errors: [404, 409, 422],
    handler: async (c, body, account) => c.json(await engine.saveDraft(withId(c), body.data, actor(account), body.expectedVersion)),
  });
  for (const [action, label] of [["submit", "Déposer la candidature"], ["withdraw", "Retirer la candidature"]] as const) {
    api.route<{ expectedVersion?: number }>({
      method: "post", path: `/api/dossiers/:id/${action}`, summary: `${label} (en-tête Idempotency-Key accepté)`, tags: ["Dossiers"], access: ["manager"], body: VersionOnlyBody,
      success: { status: 200, description: "Dossier après l'action", schema: { type: "object", properties: { dossier: Dossier, replayed: { type: "boolean" } } } }, errors: [404, 409, 422],
      handler: async (c, body, account) => {
        const key = idempotencyKey(c);
        const opts = { ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}), ...(key ? { idempotencyKey: key } : {}) };
        return c.json(action === "submit" ? await engine.submit(withId(c), actor(account), opts) : await engine.withdraw(withId(c), actor(account), opts));
      },
    });
  }
  api.route({
    method: "get", path: "/api/dossiers/:id/transitions", summary: "Les actions ouvertes maintenant à la personne connectée, avec leur formulaire", tags: ["Dossiers"], access: "authenticated",
    success: { status: 200, description: "Actions", schema: { type: "object" } }, errors: [404],
    handler: async (c, _b, account) => c.json(await engine.openTransitions(withId(c), actor(account))),
  });
  api.route<{ event: string; input?: Record<string, unknown>; expectedVersion?: number }>({
    method: "post", path: "/api/dossiers/:id/transitions", summary: "Envoyer une action du cycle de vie (en-tête Idempotency-Key accepté)", tags: ["Dossiers"], access: "authenticated", body: TransitionBody,
    success: { status: 200, description: "Dossier après l'action", schema: { type: "object", properties: { dossier: Dossier, replayed: { type: "boolean" } } } }, errors: [404, 409, 422],
    handler: async (c, body, account) => {
      const key = idempotencyKey(c);
      return c.json(await engine.send(withId(c), body.event, body.input ?? {}, actor(account), {
        ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}), ...(key ? { idempotencyKey: key } : {}),
      }));
    },
  });
  api.route({
    method: "get", path: "/api/dossiers/:id/history", summary: "L'historique (événements d'audit chaînés), avec le nom de qui a agi", tags: ["Dossiers"], access: "authenticated",
    success: { status: 200, description: "Événements", schema: HistoryResponse }, errors: [404],
    handler: async (c, _b, account) => c.json({
      items: (await engine.history(withId(c), actor(account))).map((e) => ({
        seq: e.seq, at: e.at, actorId: e.actor_id, actorRole: e.actor_role, actorName: e.actor_role === "system" ? SYSTEM_NAME : e.actor_name,
        event: e.event, fromState: e.from_state, toState: e.to_state,
        input: JSON.parse(e.input), dataDiff: JSON.parse(e.data_diff), hash: e.hash,
      })),
    }),
  });
  api.route({
    method: "get", path: "/api/dossiers/:id/cycles", summary: "Les années de label : période (dernier jour inclus), statut du bilan et échéance, comptes rendus déclarés, financement de l'année", tags: ["Dossiers"], access: "authenticated",
    success: { status: 200, description: "Cycles", schema: { type: "object" } }, errors: [404],
    handler: async (c, _b, account) => c.json({ items: await engine.cycleViews(withId(c), actor(account)) }),
  });
  api.route({
    method: "get", path: "/api/dossiers/:id/attachments", summary: "Les pièces jointes du dossier", tags: ["Pièces jointes"], access: "authenticated",
    success: { status: 200, description: "Pièces", schema: { type: "object" } }, errors: [404],
    handler: async (c, _b, account) => c.json({ items: await engine.attachments(withId(c), actor(account)) }),
  });
  api.route({
    method: "post", path: "/api/dossiers/:id/attachments", summary: `Joindre un fichier (champ « file », ${Math.round(MAX_ATTACHMENT_BYTES / 1048576)} Mo au plus ; PDF, images, documents bureautiques) : le gestionnaire tant que la candidature est modifiable, ou quiconque a une action ouverte dont le formulaire demande une pièce`, tags: ["Pièces jointes"], access: "authenticated",
    bodyContent: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream" } } } } },
    success: { status: 201, description: "Pièce enregistrée", schema: { type: "object" } }, errors: [404, 409, 413, 415, 422],
    handler: async (c, _b, account) => {
      if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
        throw new AppError("unsupported_media_type", 415, "Type de contenu non pris en charge", "Envoyez le fichier en multipart/form-data, dans le champ « file ».");
      }
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        throw new AppError("malformed_body", 400, "Corps de requête mal formé", "Le formulaire multipart n'a pas pu être lu.");
      }
      const file = form.file;
      if (!(file instanceof File)) throw new AppError("invalid_request", 422, "Requête invalide", "Ajoutez le fichier dans le champ « file ».", [{ pointer: "/file", message: "fichier requis" }]);
      const extra = Object.keys(form).filter((k) => k !== "file");
      if (extra.length > 0) throw new AppError("invalid_request", 422, "Requête invalide", "Champs inconnus.", extra.map((k) => ({ pointer: `/${k}`, message: "propriété inconnue" })));
      return c.json(await engine.addAttachment(withId(c), { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) }, actor(account)), 201);
    },
  });
  api.route({
    method: "get", path: "/api/attachments/:id", summary: "Télécharger une pièce jointe", tags: ["Pièces jointes"], access: "authenticated",
    success: { status: 200, description: "Le fichier", content: "application/octet-stream" }, errors: [404],
    handler: async (c, _b, account) => {
      const file = await engine.readAttachment(withId(c), actor(account));
      const ascii = file.file_name.replace(/[^\x20-\x7e]|["\\]/g, "_");
      return c.body(new Uint8Array(file.content), 200, {
        "Content-Type": file.media_type,
        "Content-Length": String(file.size),
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
        "Cache-Control": "private, no-store",
      });
    },
  });
}
