import { describe, expect, it } from "vitest";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { createApp } from "../../server/http/app";
import { DEFAULT_PACKAGE_DIR, loadOk } from "../helpers/packages";

const procedure = compileProcedure(await loadOk(DEFAULT_PACKAGE_DIR));
const app = createApp({ procedures: [procedure], maxBodyBytes: 10_000 });
const post = (path: string, body: string, type = "application/json") => app.request(path, { method: "POST", body, headers: { "content-type": type } });

describe("procedures API", () => {
  it("answers health and lists the procedure with its version", async () => {
    expect((await app.request("/api/health")).status).toBe(200);
    const list = await (await app.request("/api/procedures")).json() as { items: Array<{ id: string; version: string }> };
    expect(list.items).toEqual([expect.objectContaining({ id: procedure.id, version: procedure.hash })]);
  });

  it("serves the forms, rules and lifecycle of a procedure", async () => {
    const res = await app.request(`/api/procedures/${procedure.id}`);
    const body = await res.json() as { forms: Record<string, { schema: object; uiSchema: object }>; rules: object; lifecycle: { initial: string } };
    expect(Object.keys(body.forms)).toContain("application");
    expect(body.lifecycle.initial).toBe("draft");
    expect(Object.keys(body.rules).length).toBe(Object.keys(procedure.pkg.rules.rules).length);
  });

  it("evaluates sample data: computed values, rule results, field errors", async () => {
    const res = await post(`/api/procedures/${procedure.id}/evaluate`, JSON.stringify({ data: { facilities: [{ pmiCapacity: 20 }, { pmiCapacity: 12 }] } }));
    expect(res.status).toBe(200);
    const body = await res.json() as { computed: Record<string, unknown>; rules: Array<{ name: string; status: string }>; errors: Array<{ pointer: string }> };
    expect(body.computed.minimumAvipChildren).toBe(6);
    expect(body.rules.find((r) => r.name === "placeContinuity")?.status).toBe("fail");
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: "/manager" }));
  });

  it.each([
    ["malformed JSON", "{oops", "application/json", 400, "malformed_json"],
    ["an array body", "[]", "application/json", 400, "invalid_body"],
    ["data of the wrong type", JSON.stringify({ data: 3 }), "application/json", 400, "invalid_body"],
    ["an unknown field", JSON.stringify({ donnees: {} }), "application/json", 400, "invalid_body"],
    ["the wrong content type", "data=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"],
    ["a huge body", JSON.stringify({ data: { x: "a".repeat(20_000) } }), "application/json", 413, "payload_too_large"],
  ])("answers %s with a French problem+json", async (_label, body, type, status, code) => {
    const res = await post(`/api/procedures/${procedure.id}/evaluate`, body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json() as { code: string; title: string };
    expect(problem.code).toBe(code);
    expect(problem.title).toMatch(/[a-zé]/);
  });

  it("answers an unknown procedure and an unknown route with 404 problems", async () => {
    expect((await app.request("/api/procedures/inconnue")).status).toBe(404);
    const res = await app.request("/api/nope");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe("not_found");
  });
});
