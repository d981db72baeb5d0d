/**
 * What the loader says about the lifecycle features of issue 10, on
 * variants of the Cantal test package: targetless transitions (no way out),
 * timers from computed dates and the period, delays read from the dossier,
 * waivers by a computed value, prefills, one form per event, the overdue
 * event sent by the system, records and migrations of the manifest.
 */
import { describe, expect, it } from "vitest";
import { formatProblem, type Problem } from "../../server/config/problems";
import { checkMachine } from "../../server/config/check-machine";
import { CANTAL_PACKAGE_DIR, loadVariant, type JsonEdits } from "../helpers/variants";

async function problemsOf(edits: JsonEdits): Promise<Problem[]> {
  const result = await loadVariant(CANTAL_PACKAGE_DIR, edits);
  return result.ok ? [] : result.problems;
}

async function expectProblem(edits: JsonEdits, file: string, pointer: string, message: string): Promise<void> {
  const problems = await problemsOf(edits);
  const found = problems.find((p) => p.file === file && p.pointer === pointer && p.message.includes(message));
  expect(found, `expected ${file} › ${pointer} › …${message}… among:\n${problems.map(formatProblem).join("\n")}`).toBeDefined();
}

const MACHINE = "lifecycle.machine.json";
const supported = (doc: any) => doc.states.supported;

describe("the Cantal test package", () => {
  it("loads, with its targetless transitions, period timers and a delay in months read from the application", async () => {
    expect(await problemsOf({})).toEqual([]);
  });
});

describe("targetless transitions", () => {
  it("are no way out: a state whose transitions all stay is a dead end", async () => {
    await expectProblem({ [MACHINE]: (doc) => {
      delete supported(doc).on.PERIOD_END;
      delete supported(doc).on.STOP;
      supported(doc).meta.timers = [];
    } }, MACHINE, "/states/supported", "état sans issue");
  });

  it("add no reachability: a state only a targetless transition would lead to stays unreachable", async () => {
    await expectProblem({ [MACHINE]: (doc) => { doc.states.period_over.on = { FILE_REPORT: doc.states.period_over.on.FILE_REPORT, STOP: doc.states.period_over.on.STOP }; delete supported(doc).on.PERIOD_END; supported(doc).meta.timers = supported(doc).meta.timers.slice(1); } },
      MACHINE, "/states/period_over", "inaccessible");
  });
});

describe("timers", () => {
  it("start from a computed value only if it is of type date", async () => {
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[0].from = "computed.yearlyGrant"; } },
      MACHINE, "/states/supported/meta/timers/0/from", "« computed.yearlyGrant » n'est pas une valeur calculée de type date (elle est number)");
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[0].from = "computed.unknown"; } },
      MACHINE, "/states/supported/meta/timers/0/from", "valeur calculée inconnue « unknown »");
  });

  it("accept a computed date (type date comes with the expression language)", () => {
    const machine = { id: "m", initial: "a", states: {
      a: { meta: { label: "A", timers: [{ event: "GO", from: "computed.due" }] }, on: { GO: { target: "b", meta: { roles: ["system"], label: "Échéance" } } } },
      b: { type: "final", meta: { label: "B" } },
    } };
    const base = { file: "m.json", applicationForm: "app", formSchemas: { app: { type: "object", properties: {} } }, parameters: [], roles: [], deadlines: [], rules: [], parameterUnits: {} };
    expect(checkMachine(machine as never, { ...base, computed: ["due"], computedTypes: { due: "date" } })).toEqual([]);
    expect(checkMachine(machine as never, { ...base, computed: ["due"], computedTypes: { due: "string" } }).map((p) => p.message)).toEqual(["« computed.due » n'est pas une valeur calculée de type date (elle est string)"]);
  });

  it("start from a computed date of the package", async () => {
    expect(await problemsOf({
      "computed.json": (doc) => { doc.values.checkpointOn = { label: "Date du point d'étape", type: "date", expression: { date_add: [{ var: "period.startsOn" }, { var: "data.followUpMonths" }, "months"] } }; },
      [MACHINE]: (doc) => { supported(doc).meta.timers[1] = { event: "CHECKPOINT", from: "computed.checkpointOn" }; },
    })).toEqual([]);
  });

  it("refuse an unknown period date, and both a delay and a fixed date", async () => {
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[0].from = "period.years"; } }, MACHINE, "/states/supported/meta/timers/0/from", "");
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[0].delay = "P1D"; supported(doc).meta.timers[0].at = { yearOffset: 1, monthDay: "01-01" }; } }, MACHINE, "/states/supported/meta/timers/0", "");
  });

  it("count a delay read from the dossier in an integer field or computed value", async () => {
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[1].delay = { months: "data.association" }; } },
      MACHINE, "/states/supported/meta/timers/1/delay/months", "« data.association » n'est pas un champ de type integer : le délai se compte en nombre entier de mois");
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[1].delay = { days: "computed.renewalGrant" }; } },
      MACHINE, "/states/supported/meta/timers/1/delay/days", "« computed.renewalGrant » doit être une valeur calculée de type integer (elle est number)");
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).meta.timers[1].delay = { years: "facts.decision.missing" }; } },
      MACHINE, "/states/supported/meta/timers/1/delay/years", "n'existe pas dans le formulaire « decision »");
    expect(await problemsOf({ [MACHINE]: (doc) => { supported(doc).meta.timers[1].delay = { years: "data.followUpMonths" }; } })).toEqual([]);
  });
});

describe("guards, forms and prefills", () => {
  it("waive derogable rules by a boolean computed value only", async () => {
    const guard = (doc: any) => doc.states.committee_review.on.GRANT.guard.params;
    await expectProblem({ [MACHINE]: (doc) => { guard(doc).waiveDerogableWhen = "computed.yearlyGrant"; } },
      MACHINE, "/states/committee_review/on/GRANT/guard/params", "la valeur calculée « yearlyGrant » de « waiveDerogableWhen » doit être de type boolean (elle est number)");
    await expectProblem({ [MACHINE]: (doc) => { guard(doc).waiveDerogableWhen = "computed.nope"; } },
      MACHINE, "/states/committee_review/on/GRANT/guard/params", "valeur calculée inconnue « nope »");
  });

  it("want one form for the alternatives of an event", async () => {
    await expectProblem({ [MACHINE]: (doc) => { doc.states.submitted.on.ASSESS[1].meta.form = "reason"; } },
      MACHINE, "/states/submitted", "l'événement « ASSESS » est accepté dans cet état par des transitions aux formulaires différents ((aucun) / reason)");
  });

  it("check a prefill like a computed value, and only where there is a form", async () => {
    await expectProblem({ [MACHINE]: (doc) => { doc.states.period_over.on.RENEW.meta.prefill = { var: "facts.renewal.unknown" }; } },
      MACHINE, "/states/period_over/on/RENEW/meta/prefill/var", "le champ « unknown » n'existe pas dans le formulaire « renewal »");
    await expectProblem({ [MACHINE]: (doc) => { doc.states.period_over.on.RENEW.meta.prefill = { nope: [] }; } },
      MACHINE, "/states/period_over/on/RENEW/meta/prefill/nope", "opérateur inconnu « nope »");
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).on.CHECKPOINT.meta.prefill = { var: "data.members" }; } },
      MACHINE, "/states/supported/on/CHECKPOINT/meta/prefill", "« prefill » sans formulaire");
  });
});

describe("the manifest's cycles and migration", () => {
  it("wants the overdue event sent by the system, which makes it scheduled", async () => {
    await expectProblem({ [MACHINE]: (doc) => { supported(doc).on.REPORT_OVERDUE.meta.roles = ["instructor"]; } },
      "manifest.json", "/cycles/overdueEvent", "sa transition de « supported » doit autoriser le rôle « system »");
    await expectProblem({ "manifest.json": (doc) => { delete doc.cycles.overdueEvent; } },
      MACHINE, "/states/supported/on/REPORT_OVERDUE/meta/roles", "l'événement système « REPORT_OVERDUE » n'est programmé par aucune minuterie");
  });

  it("checks each record: its event carries its form, whose date field places it", async () => {
    await expectProblem({ "manifest.json": (doc) => { doc.cycles.records[0].dateField = "notes"; } },
      "manifest.json", "/cycles/records/0/dateField", "« notes » n'est pas un champ de format date du formulaire « followUp »");
    await expectProblem({ "manifest.json": (doc) => { doc.cycles.records[0].form = "report"; } },
      "manifest.json", "/cycles/records/0/form", "l'événement « RECORD_FOLLOW_UP » doit porter le formulaire « report »");
    await expectProblem({ "manifest.json": (doc) => { doc.cycles.records[0].event = "NOPE"; } },
      "manifest.json", "/cycles/records/0/event", "événement « NOPE » absent du cycle de vie");
  });

  it("maps only vanished states, to open leaf states of the version", async () => {
    await expectProblem({ "manifest.json": (doc) => { doc.migration = { states: { supported: "period_over" } }; } },
      "manifest.json", "/migration/states/supported", "l'état « supported » existe dans cette version");
    await expectProblem({ "manifest.json": (doc) => { doc.migration = { states: { old_state: "nowhere" } }; } },
      "manifest.json", "/migration/states/old_state", "état cible inconnu « nowhere »");
    await expectProblem({ "manifest.json": (doc) => { doc.migration = { states: { old_state: "closed" } }; } },
      "manifest.json", "/migration/states/old_state", "« closed » doit être un état feuille non final");
    expect(await problemsOf({ "manifest.json": (doc) => { doc.migration = { states: { "support.old_leaf": "period_over" } }; } })).toEqual([]);
  });
});
