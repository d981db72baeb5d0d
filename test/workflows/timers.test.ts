import { describe, expect, it } from "vitest";
import { computeTimerDue } from "../../workflows/timers";

const base = { parameters: { oneYear: "P1Y", twoYears: "P2Y" }, timeZone: "Europe/Paris" };
const reader = (facts: Record<string, unknown>) => (path: string) => path.split(".").slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], facts);

describe("durable timer due dates", () => {
  it("adds a duration parameter to a date field, at local midnight", () => {
    const due = computeTimerDue({ event: "LABEL_EXPIRED", from: "facts.decision.startDate", delay: { parameter: "oneYear" } }, {
      ...base, enteredAt: new Date("2026-10-15T08:00:00Z"), read: reader({ decision: { startDate: "2026-10-01" } }),
    });
    expect(due?.toISOString()).toBe("2027-09-30T22:00:00.000Z");
  });

  it("is due when 31 March of the following year has ended, in the procedure's time zone", () => {
    const due = computeTimerDue({ event: "REPORT_OVERDUE", from: "facts.decision.startDate", at: { yearOffset: 1, monthDay: "03-31" } }, {
      ...base, enteredAt: new Date(), read: reader({ decision: { startDate: "2026-10-01" } }),
    });
    expect(due?.toISOString()).toBe("2027-03-31T22:00:00.000Z");
  });

  it("counts from the state's entry with a literal duration, keeping the local time (CEST → CET)", () => {
    const due = computeTimerDue({ event: "COMPLEMENTS_OVERDUE", from: "entry", delay: "P30D" }, {
      ...base, enteredAt: new Date("2026-10-20T10:00:00Z"), read: () => undefined,
    });
    expect(due?.toISOString()).toBe("2026-11-19T11:00:00.000Z");
  });

  it("keeps local time across a daylight-saving change", () => {
    const due = computeTimerDue({ event: "X", from: "entry", delay: "P1D" }, { ...base, enteredAt: new Date("2026-03-28T23:00:00Z"), read: () => undefined });
    expect(due?.toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  it("returns null when the starting date is missing", () => {
    expect(computeTimerDue({ event: "X", from: "facts.decision.startDate", delay: "P1Y" }, { ...base, enteredAt: new Date(), read: () => undefined })).toBeNull();
  });
});
