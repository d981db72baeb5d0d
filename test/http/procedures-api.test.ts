import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupHttp } from "../helpers/http-setup";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp(); });
afterAll(async () => { await http.cleanup(); });

describe("procedures API", () => {
  it("answers health with the database reachable, and lists the procedure with its version", async () => {
    expect(await (await http.anonymous.request("GET", "/api/health")).json()).toEqual({ status: "ok" });
    const list = await (await http.anonymous.request("GET", "/api/procedures")).json() as { items: Array<{ id: string; version: string }> };
    expect(list.items).toEqual([expect.objectContaining({ id: "avip-puy-de-dome", version: http.setup.published.versionId })]);
  });

  it("serves the forms, rules and lifecycle of a procedure", async () => {
    const body = await (await http.anonymous.request("GET", "/api/procedures/avip-puy-de-dome")).json() as { forms: Record<string, { schema: object; uiSchema: object }>; rules: object; lifecycle: { initial: string } };
    expect(Object.keys(body.forms)).toContain("application");
    expect(body.lifecycle.initial).toBe("draft");
  });

  it("evaluates sample data: computed values, rule results, field errors", async () => {
    const res = await http.anonymous.request("POST", "/api/procedures/avip-puy-de-dome/evaluate", { data: { facilities: [{ pmiCapacity: 20 }, { pmiCapacity: 12 }] } });
    expect(res.status).toBe(200);
    const body = await res.json() as { computed: Record<string, unknown>; rules: Array<{ name: string; status: string }>; errors: Array<{ pointer: string }> };
    expect(body.computed.minimumAvipChildren).toBe(6);
    expect(body.rules.find((r) => r.name === "placeContinuity")?.status).toBe("fail");
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: "/manager" }));
  });

  it("answers an unknown route 404 and a wrong method 405, as problems", async () => {
    const missing = await http.anonymous.request("GET", "/api/nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    const wrongMethod = await http.anonymous.request("DELETE", "/api/procedures");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
    expect(((await wrongMethod.json()) as { code: string }).code).toBe("method_not_allowed");
  });

  it("sends the security headers", async () => {
    const res = await http.anonymous.request("GET", "/api/docs");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const tls = await http.app.request("https://guichet.example/api/health");
    expect(tls.headers.get("strict-transport-security")).toContain("max-age=");
    expect(await res.text()).not.toMatch(/<script|style=/);
  });

  it("serves a welcome page with a sign-in form and no inline script", async () => {
    const res = await http.anonymous.request("GET", "/");
    const html = await res.text();
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html).toContain('<form id="login-form"');
    expect(html).toMatch(/<script type="module" src="\/assets\/welcome.js"><\/script>/);
    expect(html.replace(/<script type="module" src="[^"]+"><\/script>/, "")).not.toMatch(/<script|style=|\son[a-z]+=/);
    expect((await http.anonymous.request("GET", "/assets/welcome.js")).headers.get("content-type")).toContain("javascript");
  });
});
