import { describe, expect, it } from "vitest";
import { renderTemplate, UNIT_SPACE } from "../../server/engine/message-template";

const NBSP = "\u00A0";
const NARROW = "\u202F";

const context = {
  data: { places: 2500, share: 0.6, openedOn: "2026-09-11", firstDay: "2027-03-01", name: "Les Lutins", hours: 8.5 },
  parameters: { rate: 0.6, oddRate: 0.2727, aid: 2500, cost: 1234.5, deadline: "2026-09-11", duration: "P1Y", longer: "P1Y6M", delay: "P30D", count: 2500 },
  computed: { share: 0.25, funding: 2500, endsOn: "2027-09-10", missing: null },
};
const units = {
  "parameters.rate": "ratio", "parameters.oddRate": "ratio", "parameters.aid": "euro", "parameters.cost": "euro",
  "parameters.deadline": "date", "parameters.duration": "duration", "parameters.longer": "duration", "parameters.delay": "duration",
  "parameters.count": "count", "computed.share": "ratio", "computed.funding": "euro", "computed.endsOn": "date", "computed.missing": "euro",
};
const render = (message: string) => renderTemplate(message, context, units);

describe("renderTemplate", () => {
  it("writes a ratio parameter or computed value as a percentage, with a no-break space (U+00A0)", () => {
    expect(UNIT_SPACE).toBe(NBSP);
    expect(render("au moins {{parameters.rate}} des places")).toBe(`au moins 60${NBSP}% des places`);
    expect(render("{{computed.share}}")).toBe(`25${NBSP}%`);
    expect(render("{{parameters.oddRate}}")).toBe(`27,27${NBSP}%`);
  });

  it("writes euro amounts with the euro sign, digit groups with fr-FR's narrow no-break space", () => {
    expect(render("{{parameters.aid}} par place")).toBe(`2${NARROW}500${NBSP}€ par place`);
    expect(render("{{computed.funding}}")).toBe(`2${NARROW}500${NBSP}€`);
    expect(render("{{parameters.cost}}")).toBe(`1${NARROW}234,50${NBSP}€`);
  });

  it("does not repeat a sign the message already writes", () => {
    expect(render("{{parameters.aid}} € par place")).toBe(`2${NARROW}500 € par place`);
    expect(render(`{{parameters.aid}}${NBSP}€`)).toBe(`2${NARROW}500${NBSP}€`);
    expect(render("{{parameters.aid}}€")).toBe(`2${NARROW}500€`);
    expect(render("{{ parameters.rate }} %")).toBe("60 %");
  });

  it("writes numbers without a sign unit as before, and only units of the package change a value", () => {
    expect(render("{{parameters.count}} enfants")).toBe(`2${NARROW}500 enfants`);
    expect(render("{{data.places}} places, {{data.share}}, {{data.hours}} h")).toBe(`2${NARROW}500 places, 0,6, 8,5 h`);
    expect(renderTemplate("{{parameters.rate}}", context)).toBe("0,6");
  });

  it("writes dates in full, the first of the month as « 1er »", () => {
    expect(render("avant le {{parameters.deadline}}")).toBe("avant le 11 septembre 2026");
    expect(render("jusqu'au {{computed.endsOn}}")).toBe("jusqu'au 10 septembre 2027");
    expect(render("ouvert le {{data.openedOn}}, puis le {{data.firstDay}}")).toBe("ouvert le 11 septembre 2026, puis le 1er mars 2027");
  });

  it("writes durations in words", () => {
    expect(render("{{parameters.duration}}, {{parameters.longer}}, {{parameters.delay}}")).toBe("1 an, 1 an et 6 mois, 30 jours");
  });

  it("still writes a missing value as « non renseigné », texts and booleans as before", () => {
    expect(render("{{computed.missing}} / {{data.absent}} / {{nothing.at.all}}")).toBe("non renseigné / non renseigné / non renseigné");
    expect(render("{{data.name}}")).toBe("Les Lutins");
    expect(renderTemplate("{{a}} {{b}}", { a: true, b: false })).toBe("oui non");
  });
});
