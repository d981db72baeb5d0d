/**
 * The years an event opens, purely (plan-cycles.ts): from a date of its
 * input, never overlapping a year of the dossier; without a start date, the
 * day after the last year, refused while the dossier has none; the period
 * read by expressions is the latest opening's years.
 */
import { describe, expect, it } from "vitest";
import { compileProcedure, type CompiledProcedure } from "../../server/engine/compile-procedure";
import { Refusal } from "../../server/engine/decide-transition";
import { periodOf, type CycleFacts } from "../../server/engine/period";
import { planCycles } from "../../server/engine/plan-cycles";
import { CANTAL_PACKAGE_DIR, cantalApplication, loadVariant } from "../helpers/variants";

async function cantal(renewFrom?: string): Promise<CompiledProcedure> {
  const result = await loadVariant(CANTAL_PACKAGE_DIR, renewFrom ? {
    "manifest.json": (doc) => { doc.cycles.openOn[1].startDate = renewFrom; },
    "forms/renewal.schema.json": (doc) => { doc.properties.startDate = { title: "Début", type: "string", format: "date" }; },
  } : {});
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return compileProcedure(result.pkg);
}

const year1: CycleFacts = { id: "c1", yearIndex: 1, opening: 1, startsOn: "2027-03-01", endsOn: "2028-02-29", outcome: "reported", reportFiled: true };

function plan(procedure: CompiledProcedure, event: string, input: unknown, cycles: CycleFacts[]) {
  const evaluation = procedure.evaluate(cantalApplication(40), {});
  return planCycles(procedure, { event, input, evaluation, cycles, today: "2028-03-10", closes: false });
}

function refusal(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("opening years", () => {
  it("starts the day after the last year when no start date is declared, and refuses a dossier without year", async () => {
    const procedure = await cantal();
    const planned = plan(procedure, "RENEW", { beneficiaries: 3 }, [year1]);
    expect(planned.opened.map((c) => [c.yearIndex, c.opening, c.startsOn, c.endsOn, c.funding, c.reportDueAt.toISOString()])).toEqual([
      [2, 2, "2028-03-01", "2029-02-28", 800, "2029-06-30T22:00:00.000Z"],
      [3, 2, "2029-03-01", "2030-02-28", 800, "2030-06-30T22:00:00.000Z"],
    ]);
    expect(periodOf(planned.after)).toEqual({
      startsOn: "2028-03-01", endsOn: "2030-02-28", nextStartsOn: "2030-03-01", years: 2, cycleCount: 3, reportsAwaited: 2, reportsOverdue: 0,
    });
    expect(refusal(() => plan(procedure, "RENEW", { beneficiaries: 3 }, []))).toMatchObject({
      code: "guard", message: "L'action « Renouveler pour deux ans » ouvre des années de label à la suite de la dernière, mais le dossier n'en a encore aucune.",
    });
  });

  it("refuses a start date before the end of a year of the dossier, pointing at the date", async () => {
    const procedure = await cantal("input.startDate");
    const overlap = refusal(() => plan(procedure, "RENEW", { beneficiaries: 3, startDate: "2028-02-29" }, [year1]));
    expect(overlap).toMatchObject({
      code: "input",
      reasons: [{ code: "field", pointers: ["/startDate"], message: "Chevauchement : les nouvelles années de label commenceraient le 29 février 2028, avant la fin de l'année du 1er mars 2027 au 29 février 2028 ; choisissez une date après le 29 février 2028." }],
    });
    expect(plan(procedure, "RENEW", { beneficiaries: 3, startDate: "2028-03-01" }, [year1]).opened[0]).toMatchObject({ startsOn: "2028-03-01" });
  });

  it("refuses an opening whose optional start date was left out, rather than opening no year", async () => {
    const procedure = await cantal("input.startDate");
    expect(refusal(() => plan(procedure, "RENEW", { beneficiaries: 3 }, [year1]))).toMatchObject({
      code: "input", reasons: [{ code: "field", pointers: ["/startDate"], message: expect.stringContaining("La date de début des années de label (« startDate ») est requise") }],
    });
  });

  it("reads no years for an event that neither opens, files nor records", async () => {
    const procedure = await cantal();
    expect(plan(procedure, "STOP", { reason: "Fin." }, [year1])).toMatchObject({ opened: [], report: null, record: null, after: [year1] });
    expect(periodOf([])).toBeNull();
  });
});
