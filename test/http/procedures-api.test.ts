import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackageDir } from "../../server/config/read-package-dir";
import { completeApplication } from "../helpers/engine-setup";
import { setupHttp } from "../helpers/http-setup";
import { DEFAULT_PACKAGE_DIR } from "../helpers/packages";

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

  it("answers 404, never 500, for a form named like an inherited property", async () => {
    for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf"]) {
      const res = await http.anonymous.request("GET", `/api/versions/${http.setup.published.versionId}/forms/${name}/validator.js`);
      expect(res.status, name).toBe(404);
    }
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

  it("serves the built web client: assets cached for good, client routes answered with index.html, API paths untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guichet-client-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><html lang="fr"><script type="module" src="/assets/app-1a2b.js"></script></html>');
    writeFileSync(join(dir, "assets", "app-1a2b.js"), "console.log('guichet');".repeat(200));
    const served = await setupHttp({ clientDir: dir });
    try {
      for (const path of ["/", "/dossiers/0190abcd", "/admin/paquets"]) {
        const res = await served.anonymous.request("GET", path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-cache");
        expect(await res.text()).toContain("/assets/app-1a2b.js");
      }
      const asset = await served.anonymous.request("GET", "/assets/app-1a2b.js", undefined, { "accept-encoding": "gzip" });
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toContain("javascript");
      expect(asset.headers.get("cache-control")).toContain("immutable");
      expect(asset.headers.get("content-encoding")).toBe("gzip");
      expect((await served.anonymous.request("GET", "/assets/missing.js")).status).toBe(404);
      expect((await served.anonymous.request("GET", "/assets/..%2f..%2fpackage.json")).status).toBe(404);
      const api = await served.anonymous.request("GET", "/api/nowhere");
      expect(api.status).toBe(404);
      expect(api.headers.get("content-type")).toContain("application/problem+json");
      expect((await served.anonymous.request("GET", "/api/auth/login")).status).toBe(405);
    } finally {
      await served.cleanup();
    }
  });

  it("says in French how to build the client when it is not built", async () => {
    const served = await setupHttp({ clientDir: join(tmpdir(), "guichet-no-client-here") });
    try {
      const res = await served.anonymous.request("GET", "/");
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("npm run build");
    } finally {
      await served.cleanup();
    }
  });
});

describe("package editor API", () => {
  it("checks a package without publishing it: the loader's messages, or a summary and an evaluation of sample data", async () => {
    const admin = await http.login("admin");
    const files = await readPackageDir(DEFAULT_PACKAGE_DIR);
    const before = (await (await admin.request("GET", "/api/procedures/avip-puy-de-dome/versions")).json()) as { items: unknown[] };

    const good = await admin.request("POST", "/api/packages/check", { files, sample: { data: await completeApplication() } });
    expect(good.status).toBe(200);
    const verdict = (await good.json()) as { ok: boolean; summary: Record<string, number>; evaluation: { computed: Record<string, unknown>; rules: Array<{ status: string }>; errors: unknown[] } };
    expect(verdict.ok).toBe(true);
    expect(verdict.summary).toMatchObject({ forms: 13, states: 20 });
    expect(verdict.summary.cases).toBeGreaterThan(20);
    expect(verdict.evaluation.errors).toEqual([]);
    expect(Object.keys(verdict.evaluation.computed).length).toBeGreaterThan(10);

    const broken = { ...files, "rules.json": files["rules.json"]!.replace('"severity": "blocking"', '"severity": "bloquante"') };
    const bad = (await (await admin.request("POST", "/api/packages/check", { files: broken })).json()) as { ok: boolean; problems: Array<{ file: string; pointer: string; message: string }> };
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatchObject({ file: "rules.json", pointer: expect.stringMatching(/^\/rules\/[^/]+\/severity$/) });

    const after = (await (await admin.request("GET", "/api/procedures/avip-puy-de-dome/versions")).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it("gives an admin of the territory the files of a version, and evaluates data against a precise version", async () => {
    const admin = await http.login("admin");
    const versionId = http.setup.published.versionId;
    const res = (await (await admin.request("GET", `/api/versions/${versionId}/files`)).json()) as { files: Record<string, string> };
    expect(Object.keys(res.files)).toContain("manifest.json");
    expect(JSON.parse(res.files["manifest.json"]!).id).toBe("avip-puy-de-dome");
    const evaluated = (await (await http.anonymous.request("POST", `/api/versions/${versionId}/evaluate`, { data: await completeApplication() })).json()) as { computed: Record<string, unknown>; errors: unknown[] };
    expect(evaluated.errors).toEqual([]);
    expect((await http.anonymous.request("POST", `/api/versions/${"0".repeat(64)}/evaluate`, { data: {} })).status).toBe(404);
  });
});
