/**
 * What docs/FORMAT.md says about a decision, checked on the engine with a
 * tiny package of its own: the input is validated against the action's form,
 * then stands in `facts.<form>` (whole, replacing the previous input) before
 * computed values, rules and guards are evaluated, so a guard sees it both as
 * `input.*` and as `facts.<form>.*`; a refusal changes nothing.
 */
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { decideTransition, Refusal, type Actor } from "../../server/engine/decide-transition";
import { loadOk } from "../helpers/packages";

const FILES: Record<string, unknown> = {
  "manifest.json": {
    id: "essai-decision", title: "Procédure d'essai", territory: { code: "01", name: "Ain" }, timeZone: "Europe/Paris",
    roles: { manager: { label: "Gestionnaire" }, committee: { label: "Comité" } },
    parameters: { minimumPlaces: { label: "Places minimales", unit: "count", value: 10 } }, deadlines: {},
    forms: { application: { title: "Candidature", schema: "forms/application.schema.json" }, decision: { title: "Décision", schema: "forms/decision.schema.json" } },
    applicationForm: "application", computed: "computed.json", rules: "rules.json", lifecycle: "lifecycle.machine.json",
    actions: { submit: "SUBMIT", withdraw: "WITHDRAW" },
  },
  "forms/application.schema.json": { $schema: "https://json-schema.org/draft/2020-12/schema", title: "Candidature", type: "object", properties: { name: { type: "string" } } },
  "forms/decision.schema.json": {
    $schema: "https://json-schema.org/draft/2020-12/schema", title: "Décision", type: "object", required: ["places"],
    properties: { places: { type: "integer", minimum: 0 }, derogation: { type: "boolean" } },
  },
  "computed.json": { values: { decidedPlaces: { label: "Places décidées", type: "integer", expression: { var: ["facts.decision.places", 0] } } } },
  "rules.json": {
    rules: {
      enoughPlaces: {
        label: "Assez de places", severity: "blocking", derogable: true, message: "{{computed.decidedPlaces}} place(s) : il en faut {{parameters.minimumPlaces}}.",
        appliesWhen: { "!!": [{ var: "facts.decision" }] },
        expression: { ">=": [{ var: "computed.decidedPlaces" }, { var: "parameters.minimumPlaces" }] },
      },
    },
  },
  "lifecycle.machine.json": {
    id: "essai", initial: "draft",
    states: {
      draft: { meta: { label: "Brouillon", dataEditable: true }, on: {
        SUBMIT: { target: "submitted", meta: { roles: ["manager"], label: "Déposer" } },
        WITHDRAW: { target: "withdrawn", meta: { roles: ["manager"], label: "Retirer" } },
      } },
      submitted: { meta: { label: "Déposé" }, on: {
        DECIDE: { target: "granted", guard: { type: "rulesPass", params: { severity: "blocking", waiveDerogableWhen: "input.derogation" } }, meta: { roles: ["committee"], label: "Décider", form: "decision" } },
        WITHDRAW: { target: "withdrawn", meta: { roles: ["manager"], label: "Retirer" } },
      } },
      granted: { type: "final", meta: { label: "Accordé" } },
      withdrawn: { type: "final", meta: { label: "Retiré" } },
    },
  },
};

async function writePackage(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "guichet-decision-"));
  for (const [file, content] of Object.entries(FILES)) {
    await mkdir(join(dir, file, ".."), { recursive: true });
    await writeFile(join(dir, file), JSON.stringify(content, null, 2));
  }
  return dir;
}

const procedure = compileProcedure(await loadOk(await writePackage()));
const committee: Actor = { id: "c1", role: "committee", territoryCode: "01" };
const now = new Date("2026-09-15T10:00:00+02:00");
const submitted = (facts: Record<string, unknown> = {}) => ({ state: "submitted", data: { name: "Crèche" }, facts });

describe("the input of a transition, as its guards see it", () => {
  it("is in facts.<form> before computed values, rules and guards are evaluated", () => {
    const decision = decideTransition(procedure, submitted(), "DECIDE", { places: 12 }, committee, now);
    expect(decision.toState).toBe("granted");
    expect(decision.facts).toEqual({ decision: { places: 12 } });
    expect(decision.evaluation.context.computed.decidedPlaces).toBe(12);
    expect(decision.evaluation.ruleResults.find((r) => r.name === "enoughPlaces")?.status).toBe("pass");
  });

  it("is read by the guard as input.* too (here a derogation that waives the rule computed from facts.*)", () => {
    const refused = (() => {
      try {
        decideTransition(procedure, submitted(), "DECIDE", { places: 3 }, committee, now);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(Refusal);
    expect((refused as Refusal).code).toBe("guard");
    expect((refused as Refusal).reasons.map((r) => r.message)).toEqual(["3 place(s) : il en faut 10."]);
    expect(decideTransition(procedure, submitted(), "DECIDE", { places: 3, derogation: true }, committee, now).toState).toBe("granted");
  });

  it("replaces the previous input of that form whole, and is validated against the form first", () => {
    const before = { decision: { places: 8, derogation: true } };
    expect(decideTransition(procedure, submitted(before), "DECIDE", { places: 15 }, committee, now).facts).toEqual({ decision: { places: 15 } });
    expect(() => decideTransition(procedure, submitted(before), "DECIDE", { places: -1 }, committee, now)).toThrow(/contient des erreurs/);
    expect(before).toEqual({ decision: { places: 8, derogation: true } });
  });
});
