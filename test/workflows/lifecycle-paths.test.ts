/**
 * Model-based coverage of each package's lifecycle with xstate/graph: every
 * state is reached by a shortest path from the initial state, and every
 * declared transition is taken from a reachable state, with the guards open
 * (and, to reach later guarded alternatives of an event, with each boolean
 * computed value closed in turn).
 */
import { describe, expect, it } from "vitest";
import { getAdjacencyMap, getShortestPaths } from "xstate/graph";
import { listMachineStates, listMachineTransitions } from "../../server/engine/machine-graph";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR, loadOk } from "../helpers/packages";
import { passingEnv } from "../helpers/guard-env";
import { CANTAL_PACKAGE_DIR } from "../helpers/variants";

describe.each([
  ["default package", DEFAULT_PACKAGE_DIR],
  ["second test package", FIXTURE_PACKAGE_DIR],
  ["Cantal test package", CANTAL_PACKAGE_DIR],
])("lifecycle of the %s", async (_label, dir) => {
  const procedure = compileProcedure(await loadOk(dir));
  const machine = procedure.machine;
  const transitions = listMachineTransitions(procedure.pkg.machine);
  const env = passingEnv(procedure);
  const booleans = Object.entries(procedure.pkg.computed.values).filter(([, v]) => v.type === "boolean").map(([name]) => name);
  const allClosed = { ...env, context: { ...env.context, computed: { ...env.context.computed, ...Object.fromEntries(booleans.map((name) => [name, false])) } } };
  const envs = [env, ...booleans.map((name) => ({ ...env, context: { ...env.context, computed: { ...env.context.computed, [name]: false } } })), allClosed];
  const events = [...new Set(transitions.map((t) => t.event))].flatMap((type) => envs.map((e, variant) => ({ type, env: e, variant })));
  const options = { events, serializeEvent: (e: { type: string; variant?: number }) => `${e.type}#${e.variant ?? 0}` };

  it("reaches every state by a path from the initial state", () => {
    const paths = getShortestPaths(machine, options);
    const reached = new Set<string>();
    for (const path of paths) for (const state of listMachineStates(procedure.pkg.machine)) if (path.state.matches(state as never)) reached.add(state);
    const missing = listMachineStates(procedure.pkg.machine).filter((s) => !reached.has(s));
    expect(missing).toEqual([]);
    expect(paths.length).toBeGreaterThanOrEqual(listMachineStates(procedure.pkg.machine).filter((s) => !listMachineStates(procedure.pkg.machine).some((o) => o.startsWith(`${s}.`))).length);
  });

  it("takes every declared transition from some reachable state", () => {
    const adjacency = getAdjacencyMap(machine, options);
    const taken = new Set<string>();
    for (const { state, transitions: edges } of Object.values(adjacency)) {
      for (const [key, edge] of Object.entries(edges) as Array<[string, { state: typeof state }]>) {
        const eventKey = key.split("#")[0];
        for (const t of transitions) {
          // A targetless transition stays: its edge leads back to the same state.
          const to = t.target ?? t.source;
          if (t.event === eventKey && state.matches(t.source as never) && edge.state.matches(to as never) && (t.target !== null || edge.state.value === state.value || JSON.stringify(edge.state.value) === JSON.stringify(state.value))) {
            taken.add(`${t.source} --${t.event}--> ${t.target}`);
          }
        }
      }
    }
    const declared = transitions.map((t) => `${t.source} --${t.event}--> ${t.target}`);
    expect(declared.filter((d) => !taken.has(d))).toEqual([]);
  });

  it("closes guarded transitions when their guard fails", () => {
    // An event whose alternatives from a state include an unguarded one stays open: that one is the fallback.
    const guarded = transitions.filter((t) => t.guard && transitions.every((o) => o.event !== t.event || o.source !== t.source || o.guard));
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
