/**
 * The lifecycle diagram's graph and layout, on both packages' machines.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { machineGraph, resolveTarget, type MachineGraph } from "../../client/src/admin/lifecycle-graph";
import { curvePath, layoutLifecycle } from "../../client/src/admin/lifecycle-layout";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR } from "../helpers/packages";

function graphOf(dir: string): MachineGraph {
  return machineGraph(JSON.parse(readFileSync(join(dir, "lifecycle.machine.json"), "utf8")));
}

function edge(graph: MachineGraph, from: string, event: string) {
  return graph.edges.filter((e) => e.from === from && e.event === event);
}

describe("machineGraph, default package", () => {
  const graph = graphOf(DEFAULT_PACKAGE_DIR);

  it("has one node per state, leaf or compound, identified by its path", () => {
    expect(graph.nodes).toHaveLength(20);
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(20);
    const labelled = graph.nodes.find((n) => n.id === "labelled");
    expect(labelled).toMatchObject({ compound: true, final: false, initial: false, name: "labelled" });
    expect(graph.nodes.find((n) => n.id === "labelled.year_running")).toMatchObject({ parent: "labelled", initial: true, compound: false, name: "year_running" });
    expect(graph.nodes.find((n) => n.id === "draft")).toMatchObject({ initial: true, label: "Brouillon" });
    expect(graph.nodes.filter((n) => n.final).map((n) => n.id).sort()).toEqual(["closed_without_follow_up", "ended", "expired", "refused", "withdrawn"]);
    expect(graph.nodes.filter((n) => n.initial).map((n) => n.id)).toEqual(["draft", "labelled.year_running"]);
  });

  it("resolves sibling, nested and absolute targets", () => {
    expect(edge(graph, "draft", "SUBMIT")).toEqual([
      { from: "draft", to: "submitted", event: "SUBMIT", label: "Déposer la candidature", timer: false, guarded: true, roles: ["manager"] },
    ]);
    expect(edge(graph, "labelled.report_filed", "RENEW")).toMatchObject([{ to: "renewed", guarded: true, timer: false }]);
    expect(edge(graph, "labelled.year_running", "FILE_REPORT")).toMatchObject([{ to: "labelled.report_filed" }]);
    expect(edge(graph, "labelled.period_ended_report_overdue", "CLOSE_WITHOUT_REPORT")).toMatchObject([{ to: "expired" }]);
    expect(edge(graph, "derogation_review", "CONFIRM_LABEL").map((e) => e.to)).toEqual(["labelled.report_filed", "labelled.report_overdue", "labelled.year_running"]);
    expect(edge(graph, "evaluation", "FILE_REPORT")).toMatchObject([{ to: "evaluation" }]);
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it("flags timer events, also on the compound state that declares them", () => {
    expect(edge(graph, "awaiting_complements", "COMPLEMENTS_OVERDUE")).toMatchObject([
      { to: "closed_without_follow_up", timer: true, guarded: false, roles: ["system"] },
    ]);
    expect(edge(graph, "renewed", "EVALUATION_DUE")).toMatchObject([{ to: "evaluation", timer: true }]);
    expect(edge(graph, "awaiting_complements", "ANSWER_COMPLEMENTS")).toMatchObject([{ timer: false, guarded: true }]);
    expect(graph.edges.filter((e) => e.timer).every((e) => e.roles.includes("system"))).toBe(true);
  });

  it("lays every state out without overlap, with a start dot and paths for every edge", () => {
    const placed = layoutLifecycle(graph);
    expect(placed.nodes).toHaveLength(20);
    expect(placed.width).toBeGreaterThan(0);
    expect(placed.start).toBeDefined();
    for (const [i, a] of placed.nodes.entries()) {
      for (const b of placed.nodes.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    }
    const kinds = placed.edges.map((e) => e.kind);
    expect(kinds.filter((k) => k === "transition")).toHaveLength(graph.edges.length);
    expect(kinds.filter((k) => k === "initial")).toHaveLength(1); // the compound state "labelled" (renewed is now a single state)
    for (const e of placed.edges) expect(curvePath(e.points)).toMatch(/^M[-\d.]+,[-\d.]+/);
  });
});

describe("machineGraph, second package", () => {
  const graph = graphOf(FIXTURE_PACKAGE_DIR);

  it("draws its extra state and transitions", () => {
    expect(graph.nodes).toHaveLength(24);
    expect(edge(graph, "submitted", "START_INSTRUCTION")).toMatchObject([{ to: "admissibility_check" }]);
    expect(edge(graph, "admissibility_check", "DECLARE_ADMISSIBLE")).toMatchObject([{ to: "under_review", guarded: true }]);
    expect(graph.edges.filter((e) => e.timer).map((e) => e.event).sort()).toEqual(
      ["COMPLEMENTS_OVERDUE", "EVALUATION_DUE", "LABEL_EXPIRED", "REPORT_OVERDUE", "REPORT_OVERDUE", "REPORT_OVERDUE", "REPORT_OVERDUE"],
    );
    expect(layoutLifecycle(graph, "LR").nodes).toHaveLength(24);
  });
});

describe("machineGraph, tolerance", () => {
  it("reads shorthand and array transitions, and skips what it cannot read", () => {
    const graph = machineGraph({
      id: "m",
      initial: "a",
      states: {
        a: { on: { GO: "b", BOTH: [{ target: ".inner", guard: { type: "x" } }, { target: "#m.b" }], LOST: "nowhere" }, initial: "inner", states: { inner: {} } },
        b: { type: "final" },
        broken: 3,
      },
    });
    expect(graph.nodes.map((n) => n.id)).toEqual(["a", "a.inner", "b"]);
    expect(graph.edges.map((e) => `${e.from}-${e.event}->${e.to}${e.guarded ? "?" : ""}`)).toEqual(["a-GO->b", "a-BOTH->a.inner?", "a-BOTH->b"]);
    expect(machineGraph(null)).toEqual({ nodes: [], edges: [] });
    expect(machineGraph({ states: "no" })).toEqual({ nodes: [], edges: [] });
  });

  it("resolves targets as XState does", () => {
    expect(resolveTarget("b", ["a", "x"], "m")).toBe("a.b");
    expect(resolveTarget(".c", ["a", "x"], "m")).toBe("a.x.c");
    expect(resolveTarget("#m.d.e", ["a", "x"], "m")).toBe("d.e");
  });
});
