/**
 * The OpenAPI 3.1 document passes Redocly's linter (recommended rules) with
 * no error, and documents the request bodies with the schemas the server
 * validates with.
 */
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginBody, TransitionBody } from "../../server/http/schemas";
import { setupHttp } from "../helpers/http-setup";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp(); });
afterAll(async () => { await http.cleanup(); });

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1 per Redocly's recommended rules", async () => {
    const res = await http.anonymous.request("GET", "/api/openapi.json");
    const source = await res.text();
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    // Browser redirects (the ProConnect sign-in) answer only a 3xx: the only exception to "at least one 2XX response".
    const redirects = Object.entries(JSON.parse(source).paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)
      .flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => Object.keys(op.responses).some((s) => s.startsWith("3"))).map(([m]) => `#/paths/${path.replace(/\//g, "~1")}/${m}/responses`));
    const warnings = problems.filter((p) => p.severity === "warn" && !(p.ruleId === "operation-2xx-response" && redirects.includes(p.location[0]?.pointer ?? "")))
      .map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`);
    expect(warnings).toEqual([]);
    expect(JSON.parse(source).openapi).toBe("3.1.0");
  });

  it("documents request bodies with the very schemas the server validates", async () => {
    const doc = (await (await http.anonymous.request("GET", "/api/openapi.json")).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
    expect(doc.paths["/api/auth/login"]!.post!.requestBody!.content["application/json"]!.schema).toEqual(LoginBody);
    expect(doc.paths["/api/dossiers/{id}/transitions"]!.post!.requestBody!.content["application/json"]!.schema).toEqual(TransitionBody);
  });

  it("serves a reference page", async () => {
    const res = await http.anonymous.request("GET", "/api/docs");
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Référence de l'API Guichet");
    expect(html).toContain("POST /api/dossiers/:id/transitions");
  });
});
