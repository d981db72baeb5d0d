/**
 * Model-based coverage of each package's lifecycle with xstate/graph: every
 * state is reached by a shortest path from the initial state, and every
 * declared transition is taken from a reachable state, with the guards open.
 */
import { describe, expect, it } from "vitest";
import { getAdjacencyMap, getShortestPaths } from "xstate/graph";
import { listMachineStates, listMachineTransitions } from "../../server/config/check-machine";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR, loadOk } from "../helpers/packages";
import { passingEnv } from "../helpers/guard-env";

describe.each([
  ["default package", DEFAULT_PACKAGE_DIR],
  ["second test package", FIXTURE_PACKAGE_DIR],
])("lifecycle of the %s", async (_label, dir) => {
  const procedure = compileProcedure(await loadOk(dir));
  const machine = procedure.machine;
  const transitions = listMachineTransitions(procedure.pkg.machine);
  const env = passingEnv(procedure);
  const events = [...new Set(transitions.map((t) => t.event))].map((type) => ({ type, env }));
  const options = { events, serializeEvent: (e: { type: string }) => e.type };

  it("reaches every state by a path from the initial state", () => {
    const paths = getShortestPaths(machine, options);
    const reached = new Set<string>();
    for (const path of paths) for (const state of listMachineStates(procedure.pkg.machine)) if (path.state.matches(state as never)) reached.add(state);
    const missing = listMachineStates(procedure.pkg.machine).filter((s) => !reached.has(s));
    expect(missing).toEqual([]);
    expect(paths.length).toBeGreaterThan(10);
  });

  it("takes every declared transition from some reachable state", () => {
    const adjacency = getAdjacencyMap(machine, options);
    const taken = new Set<string>();
    for (const { state, transitions: edges } of Object.values(adjacency)) {
      for (const [eventKey, edge] of Object.entries(edges) as Array<[string, { state: typeof state }]>) {
        for (const t of transitions) {
          if (t.event === eventKey && t.target && state.matches(t.source as never) && edge.state.matches(t.target as never)) {
            taken.add(`${t.source} --${t.event}--> ${t.target}`);
          }
        }
      }
    }
    const declared = transitions.map((t) => `${t.source} --${t.event}--> ${t.target}`);
    expect(declared.filter((d) => !taken.has(d))).toEqual([]);
  });

  it("closes guarded transitions when their guard fails", () => {
    const guarded = transitions.filter((t) => t.guard);
    expect(guarded.length).toBeGreaterThan(0);
    const closedEnv = passingEnv(procedure, {
      now: new Date(Math.max(...Object.values(procedure.deadlines).map((d) => d.at.getTime())) + 1000),
      applicationErrors: [{ pointer: "/manager", message: "doit avoir la propriété requise manager" }],
      ruleResults: [{ name: "any", label: "règle", status: "fail", severity: "blocking", derogable: false, fields: [], message: "non respectée" }],
      context: { ...env.context, computed: Object.fromEntries(Object.keys(env.context.computed).map((k) => [k, false])) },
    });
    for (const t of guarded) {
      const snapshot = machine.resolveState({ value: t.source.split(".").reduceRight<unknown>((acc, s) => (acc === null ? s : { [s]: acc }), null) as never });
      const leaf = snapshot;
      expect(leaf.can({ type: t.event, env }), `${t.source} ${t.event} open`).toBe(true);
      expect(leaf.can({ type: t.event, env: closedEnv }), `${t.source} ${t.event} closed`).toBe(false);
    }
  });
});
