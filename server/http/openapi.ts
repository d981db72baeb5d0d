/**
 * The OpenAPI 3.1 document, generated from the route declarations (the same
 * JSON Schemas that validate requests), and a plain HTML reference page made
 * from it (no script, so the strict CSP holds).
 */
import type { Operation } from "./api";
import { Problem } from "./schemas";

const STATUS_TEXT: Record<number, string> = {
  400: "Requête mal formée", 401: "Authentification requise", 403: "Accès refusé", 404: "Introuvable", 405: "Méthode non permise",
  409: "Conflit avec l'état du dossier", 413: "Requête trop volumineuse", 415: "Type de contenu non pris en charge", 422: "Données invalides", 429: "Trop de tentatives",
};

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}");

function operationId(op: Operation): string {
  const words = op.path.replace(/^\/api\//, "").split(/[/:]+/).filter(Boolean);
  return [op.method, ...words].map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("");
}

export function openApiDocument(operations: Operation[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const query = Object.entries((op.query?.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: "query", required: false, schema }));
    const errors = new Set([400, ...(op.access === "public" ? [] : [401, 403]), ...(op.body ? [413, 415, 422] : []), ...(op.errors ?? [])]);
    const responses: Record<string, unknown> = {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(op.success.status === 204 || (op.success.status >= 300 && op.success.status < 400) ? {} : { content: { [op.success.content ?? "application/json"]: { schema: op.success.schema ?? { type: "string", contentMediaType: "application/octet-stream" } } } }),
      },
    };
    for (const status of [...errors].sort()) {
      responses[String(status)] = { description: STATUS_TEXT[status] ?? "Erreur", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
    }
    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      operationId: operationId(op),
      summary: op.summary,
      tags: op.tags,
      security: op.access === "public" ? [] : [{ session: [] }],
      ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
      ...(op.body ? { requestBody: { required: !!op.body.required, content: { "application/json": { schema: op.body } } } } : {}),
      ...(op.bodyContent ? { requestBody: { required: true, content: op.bodyContent } } : {}),
      ...(op.access !== "public" && op.access !== "authenticated" ? { description: `Rôles : ${op.access.join(", ")}.` } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "API Guichet",
      version,
      description: "Appels à candidatures publics : procédures déclaratives, dossiers, cycle de vie. Les requêtes qui modifient des données portent l'en-tête X-CSRF-Token de la session ; les erreurs sont au format application/problem+json (RFC 9457).",
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: "/", description: "Ce serveur" }],
    tags: [...new Set(operations.flatMap((o) => o.tags))].map((name) => ({ name, description: name })),
    paths,
    components: {
      schemas: { Problem },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "guichet_session", description: "Cookie de session (HttpOnly) posé à la connexion." },
      },
    },
  };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

export function referencePage(operations: Operation[]): string {
  const byTag = new Map<string, Operation[]>();
  for (const op of operations) for (const tag of op.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
  const sections = [...byTag].map(([tag, ops]) => `<section><h2>${escape(tag)}</h2>${ops.map((op) => `
<article>
  <h3><code>${op.method.toUpperCase()} ${escape(op.path)}</code></h3>
  <p>${escape(op.summary)}</p>
  <p>Accès : ${op.access === "public" ? "public" : op.access === "authenticated" ? "toute personne connectée" : escape(op.access.join(", "))}</p>
  ${op.body ? `<details><summary>Corps de la requête (JSON Schema)</summary><pre>${escape(JSON.stringify(op.body, null, 2))}</pre></details>` : ""}
</article>`).join("")}</section>`).join("\n");
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Référence de l'API Guichet</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><main><h1>Référence de l'API Guichet</h1>
<p>Document OpenAPI 3.1 : <a href="/api/openapi.json">/api/openapi.json</a>. Erreurs : <code>application/problem+json</code>.</p>
${sections}</main></body></html>`;
}

export const REFERENCE_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#161616}main{max-width:60rem;margin:auto;padding:1rem 2rem}
h2{border-bottom:2px solid #000091;color:#000091}article{border-left:4px solid #e3e3fd;padding:0 1rem;margin:1rem 0}
code,pre{font-family:ui-monospace,monospace}pre{background:#f6f6f6;padding:1rem;overflow:auto}`;
