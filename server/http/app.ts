/**
 * The HTTP application, built by a factory so that tests call `app.request()`
 * without a socket. For now it serves the procedures: health, the list, a
 * procedure's forms, rules and lifecycle, and an evaluation sandbox that
 * returns computed values, rule results and field errors for sample data.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { AppError, notFound, onError, problem, readJsonObject } from "./problem";

export type AppOptions = {
  procedures: CompiledProcedure[];
  maxBodyBytes?: number;
  /** Checks that the database answers (health). */
  ping?: () => Promise<void>;
};

function summary(p: CompiledProcedure) {
  const { manifest } = p.pkg;
  return { id: manifest.id, title: manifest.title, territory: manifest.territory, version: p.hash, deadlines: manifest.deadlines };
}

export function createApp(options: AppOptions): Hono {
  const byId = new Map(options.procedures.map((p) => [p.id, p]));
  const app = new Hono();
  app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] }, referrerPolicy: "same-origin" }));
  app.use("/api/*", bodyLimit({
    maxSize: options.maxBodyBytes ?? 1024 * 1024,
    onError: (c) => problem(c, new AppError("payload_too_large", 413, "Requête trop volumineuse", "Le corps de la requête dépasse la taille autorisée.")),
  }));
  app.onError(onError);
  app.notFound(notFound);

  const procedure = (id: string): CompiledProcedure => {
    const found = byId.get(id);
    if (!found) throw new AppError("procedure_not_found", 404, "Procédure introuvable", `Aucune procédure « ${id} ».`);
    return found;
  };

  app.get("/api/health", async (c) => {
    try {
      await options.ping?.();
    } catch {
      return problem(c, new AppError("database_unavailable", 503, "Base de données injoignable", "Le service ne peut pas joindre sa base de données."));
    }
    return c.json({ status: "ok", procedures: options.procedures.length });
  });
  app.get("/api/procedures", (c) => c.json({ items: options.procedures.map(summary) }));
  app.get("/api/procedures/:id", (c) => {
    const p = procedure(c.req.param("id"));
    const { manifest, forms, computed, rules, machine } = p.pkg;
    return c.json({
      ...summary(p),
      description: manifest.description,
      roles: manifest.roles,
      parameters: manifest.parameters,
      applicationForm: manifest.applicationForm,
      forms: Object.fromEntries(Object.values(forms).map((f) => [f.id, { title: f.title, schema: f.schema, uiSchema: f.ui }])),
      computed: Object.fromEntries(Object.entries(computed.values).map(([n, v]) => [n, { label: v.label, type: v.type, unit: v.unit }])),
      rules: Object.fromEntries(Object.entries(rules.rules).map(([n, r]) => [n, { label: r.label, severity: r.severity, derogable: r.derogable }])),
      lifecycle: machine,
    });
  });
  app.post("/api/procedures/:id/evaluate", async (c) => {
    const p = procedure(c.req.param("id"));
    const body = await readJsonObject(c);
    const fields: Array<{ pointer: string; message: string }> = [];
    for (const key of ["data", "facts"]) {
      const value = body[key];
      if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) fields.push({ pointer: `/${key}`, message: "doit être un objet" });
    }
    for (const key of Object.keys(body)) if (key !== "data" && key !== "facts") fields.push({ pointer: `/${key}`, message: "propriété inconnue" });
    if (fields.length > 0) throw new AppError("invalid_body", 400, "Corps de requête invalide", "Envoyez { data, facts }.", fields);
    const data = (body.data ?? {}) as Record<string, unknown>;
    const { context, ruleResults } = p.evaluate(data, (body.facts ?? {}) as Record<string, unknown>);
    return c.json({ computed: context.computed, rules: ruleResults, errors: p.validateForm(p.pkg.manifest.applicationForm, data) });
  });
  return app;
}
