/**
 * Procedures and their published versions: the public list of calls, a
 * version's forms, publishing a package (admins of its territory), the
 * evaluation sandbox, and migrating open dossiers to a new version.
 */
import type { Engine } from "../dossiers/engine";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { Refusal } from "../engine/decide-transition";
import { actor } from "./routes-auth";
import type { Api } from "./api";
import { AppError } from "./problem";
import { EvaluateBody, MigrationBody, PublishBody } from "./schemas";
import type { PublicAccount } from "../auth/accounts";
import { loadPackage } from "../config/load-package";
import { compileProcedure } from "../engine/compile-procedure";

/** Body of the package check: the files as for publishing, and optional sample data to evaluate. */
const CheckBody = {
  type: "object", additionalProperties: false, required: ["files"],
  properties: { files: PublishBody.properties.files, sample: EvaluateBody, form: { type: "string", maxLength: 100, description: "Le formulaire dont valider les données d'essai (par défaut, la candidature)." } },
};

function summary(p: CompiledProcedure) {
  const { manifest } = p.pkg;
  return { id: manifest.id, title: manifest.title, territory: manifest.territory, timeZone: manifest.timeZone, version: p.hash, deadlines: manifest.deadlines };
}

export function detail(p: CompiledProcedure) {
  const { manifest, forms, computed, rules, machine } = p.pkg;
  return {
    ...summary(p),
    description: manifest.description,
    roles: manifest.roles,
    parameters: manifest.parameters,
    applicationForm: manifest.applicationForm,
    actions: manifest.actions,
    search: manifest.search ?? { fields: [] },
    forms: Object.fromEntries(Object.values(forms).map((f) => [f.id, { title: f.title, schema: f.schema, uiSchema: f.ui }])),
    computed: Object.fromEntries(Object.entries(computed.values).map(([n, v]) => [n, { label: v.label, type: v.type, unit: v.unit, expression: v.expression }])),
    rules: Object.fromEntries(Object.entries(rules.rules).map(([n, r]) => [n, { label: r.label, severity: r.severity, derogable: r.derogable, fields: r.fields ?? [] }])),
    lifecycle: machine,
  };
}

/** Computed values, rule results and the application form's field errors for sample data. */
function evaluation(p: CompiledProcedure, body: { data?: Record<string, unknown>; facts?: Record<string, unknown> }, formId?: string) {
  const data = body.data ?? {};
  const form = formId ?? p.pkg.manifest.applicationForm;
  if (!Object.hasOwn(p.pkg.forms, form)) throw new AppError("invalid_request", 422, "Requête invalide", `Aucun formulaire « ${form} » dans ce paquet.`, [{ pointer: "/form", message: "formulaire inconnu" }]);
  if (form !== p.pkg.manifest.applicationForm) return { computed: {}, rules: [], errors: p.validateForm(form, data) };
  const { context, ruleResults } = p.evaluate(data, body.facts ?? {});
  return { computed: context.computed, rules: ruleResults, errors: p.validateForm(form, data) };
}

export function registerProcedureRoutes(api: Api, engine: Engine): void {
  const find = async (id: string): Promise<CompiledProcedure> => {
    const found = (await engine.procedures()).find((p) => p.id === id);
    if (!found) throw new AppError("procedure_not_found", 404, "Procédure introuvable", `Aucune procédure « ${id} ».`);
    return found;
  };
  const sameTerritory = (account: PublicAccount, p: CompiledProcedure) => {
    if (account.territoryCode !== p.pkg.manifest.territory.code) throw new Refusal("forbidden", "Cette procédure relève d'un autre territoire que le vôtre.");
  };

  api.route({
    method: "get", path: "/api/procedures", summary: "Les procédures publiées (appels à candidatures) et leur échéance", tags: ["Procédures"], access: "public",
    success: { status: 200, description: "Procédures, et l'heure du serveur pour juger des échéances", schema: { type: "object", properties: { items: { type: "array", items: { type: "object" } }, now: { type: "string", format: "date-time" } } } },
    handler: async (c) => c.json({ items: (await engine.procedures()).map(summary), now: engine.now().toISOString() }),
  });
  api.route({
    method: "get", path: "/api/procedures/:id", summary: "Une procédure : formulaires, valeurs calculées, règles, cycle de vie (dernière version)", tags: ["Procédures"], access: "public",
    success: { status: 200, description: "Procédure", schema: { type: "object" } }, errors: [404],
    handler: async (c) => c.json(detail(await find(c.req.param("id")!))),
  });
  api.route({
    method: "get", path: "/api/procedures/:id/versions", summary: "Les versions publiées d'une procédure", tags: ["Procédures"], access: ["admin", "instructor", "committee"],
    success: { status: 200, description: "Versions, la plus récente d'abord", schema: { type: "object" } }, errors: [404],
    handler: async (c, _b, account) => {
      sameTerritory(account!, await find(c.req.param("id")!));
      return c.json({ items: await engine.registry.versions(c.req.param("id")!) });
    },
  });
  api.route({
    method: "get", path: "/api/versions/:versionId", summary: "Une version précise (celle à laquelle un dossier est rattaché)", tags: ["Procédures"], access: "authenticated",
    success: { status: 200, description: "Version", schema: { type: "object" } }, errors: [404],
    handler: async (c) => c.json(detail(await engine.registry.get(c.req.param("versionId")!))),
  });
  api.route<{ files: Record<string, string> }>({
    method: "post", path: "/api/procedures", summary: "Publier une version d'un paquet (refusé avec les messages du chargeur s'il est invalide)", tags: ["Procédures"], access: ["admin"], body: PublishBody,
    success: { status: 201, description: "Version publiée (200 si ce contenu l'était déjà)", schema: { type: "object" } }, errors: [422],
    handler: async (c, body, account) => {
      const published = await engine.publish(body.files, account!.id, account!.territoryCode);
      return c.json(published, published.created ? 201 : 200);
    },
  });
  api.route<{ data?: Record<string, unknown>; facts?: Record<string, unknown> }>({
    method: "post", path: "/api/procedures/:id/evaluate", summary: "Bac à sable : valeurs calculées, règles et erreurs de champ pour des données d'essai", tags: ["Procédures"], access: "public", body: EvaluateBody,
    success: { status: 200, description: "Évaluation", schema: { type: "object" } }, errors: [404],
    handler: async (c, body) => {
      return c.json(evaluation(await find(c.req.param("id")!), body));
    },
  });
  api.route({
    method: "get", path: "/api/versions/:versionId/files", summary: "Les fichiers d'une version publiée (pour l'éditeur de paquet)", tags: ["Procédures"], access: ["admin"],
    success: { status: 200, description: "Fichiers : chemin → contenu", schema: { type: "object", properties: { versionId: { type: "string" }, procedureId: { type: "string" }, files: { type: "object" } } } }, errors: [404],
    handler: async (c, _b, account) => {
      const version = await engine.registry.get(c.req.param("versionId")!);
      sameTerritory(account!, version);
      return c.json({ versionId: version.hash, procedureId: version.id, files: version.pkg.files });
    },
  });
  api.route<{ data?: Record<string, unknown>; facts?: Record<string, unknown> }>({
    method: "post", path: "/api/versions/:versionId/evaluate", summary: "Valeurs calculées, règles et erreurs de champ d'une version précise pour des données (sans rien enregistrer)", tags: ["Procédures"], access: "public", body: EvaluateBody,
    success: { status: 200, description: "Évaluation", schema: { type: "object" } }, errors: [404],
    handler: async (c, body) => c.json(evaluation(await engine.registry.get(c.req.param("versionId")!), body)),
  });
  api.route<{ files: Record<string, string>; sample?: { data?: Record<string, unknown>; facts?: Record<string, unknown> }; form?: string }>({
    method: "post", path: "/api/packages/check", summary: "Vérifier un paquet sans le publier (messages du chargeur) et l'évaluer sur des données d'essai", tags: ["Procédures"], access: ["admin"], body: CheckBody,
    success: { status: 200, description: "Verdict du chargeur ; évaluation des données d'essai si le paquet est valide", schema: { type: "object", properties: { ok: { type: "boolean" }, problems: { type: "array" } } } },
    handler: async (c, body) => {
      const result = loadPackage(body.files);
      if (!result.ok) return c.json({ ok: false, problems: result.problems });
      const { pkg } = result;
      const compiled = compileProcedure(pkg);
      return c.json({
        ok: true, problems: [], hash: pkg.hash,
        summary: { forms: Object.keys(pkg.forms).length, computed: Object.keys(pkg.computed.values).length, rules: Object.keys(pkg.rules.rules).length, states: compiled.states.size, cases: pkg.cases.reduce((n, f) => n + f.content.cases.length, 0) },
        ...(body.sample ? { evaluation: evaluation(compiled, body.sample, body.form) } : {}),
      });
    },
  });
  api.route<{ toVersion: string }>({
    method: "post", path: "/api/procedures/:id/migrations", summary: "Migrer les dossiers ouverts vers une version (rapport par dossier)", tags: ["Procédures"], access: ["admin"], body: MigrationBody,
    success: { status: 200, description: "Rapport de migration", schema: { type: "object" } }, errors: [404, 422],
    handler: async (c, body, account) => {
      sameTerritory(account!, await find(c.req.param("id")!));
      return c.json(await engine.migrateOpenDossiers(c.req.param("id")!, body.toVersion, actor(account)));
    },
  });
}
