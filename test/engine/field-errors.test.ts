import { describe, expect, it } from "vitest";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { caseData } from "../../server/engine/run-cases";
import { DEFAULT_PACKAGE_DIR, loadOk } from "../helpers/packages";

const procedure = compileProcedure(await loadOk(DEFAULT_PACKAGE_DIR));
const valid = caseData(procedure.pkg.cases[0]!.content, 0) as Record<string, any>;

describe("form validation errors", () => {
  it("accepts the complete application", () => {
    expect(procedure.validateForm("application", valid)).toEqual([]);
  });

  it("points at the missing field, in French", () => {
    const { manager: _m, ...rest } = valid;
    expect(procedure.validateForm("application", rest)).toContainEqual({ pointer: "/manager", keyword: "required", message: "requiert la propriété manager" });
  });

  it("uses the package's own message for a bad SIRET", () => {
    const data = structuredClone(valid);
    data.facilities[0].siret = "20063000600018";
    expect(procedure.validateForm("application", data)).toEqual([
      { pointer: "/facilities/0/siret", keyword: "errorMessage", message: "Le numéro SIRET doit comporter 14 chiffres et une clé de contrôle valide." },
    ]);
  });

  it("asks for the argument when a derogation is requested", () => {
    const data = structuredClone(valid);
    data.derogation = { requested: true };
    expect(procedure.validateForm("application", data)).toContainEqual(expect.objectContaining({
      pointer: "/derogation/argument", message: "Un argumentaire motivé est requis pour demander une dérogation.",
    }));
  });

  it("reports wrong types and unknown fields with their pointer", () => {
    const data = structuredClone(valid);
    data.facilities[0].pmiCapacity = "vingt";
    data.unexpected = true;
    const errors = procedure.validateForm("application", data);
    expect(errors).toContainEqual(expect.objectContaining({ pointer: "/facilities/0/pmiCapacity", message: "doit être de type integer" }));
    expect(errors).toContainEqual(expect.objectContaining({ pointer: "/unexpected", keyword: "additionalProperties" }));
  });

  it("validates the committee's decision form", () => {
    const places = { facilities: [{ siret: "20063000600019", places: 5 }], labelledPlaces: 5, referent: { fte: 0.1, annualCost: 4000 } };
    expect(procedure.validateForm("labelDecision", { ...places, startDate: "2026-10-01", derogation: { granted: true, kind: "flexibility", reason: "Montée en charge sur deux ans, argumentaire motivé." } })).toEqual([]);
    expect(procedure.validateForm("labelDecision", { ...places, labelledPlaces: 0, startDate: "01/10/2026", derogation: { granted: true } })).toEqual(expect.arrayContaining([
      expect.objectContaining({ pointer: "/labelledPlaces" }),
      expect.objectContaining({ pointer: "/startDate" }),
      expect.objectContaining({ pointer: "/derogation/reason" }),
      expect.objectContaining({ pointer: "/derogation/kind" }),
    ]));
    expect(procedure.validateForm("labelDecision", { ...places, startDate: "2026-10-01", derogation: { granted: true, kind: "delay", reason: "Délai pour nommer le référent." } }))
      .toEqual([expect.objectContaining({ pointer: "/derogation/dueDate", message: "Indiquez l'échéance du délai accordé." })]);
  });
});
