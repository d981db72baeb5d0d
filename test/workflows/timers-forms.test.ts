/**
 * The timer forms of issue 10: no delay (due when the date starts locally),
 * dates of the period and computed dates as starting points, delays counted
 * in days, months or years read from the dossier (month ends constrained),
 * and what makes a timer unplannable (missing or non-integer amount, no date).
 */
import { describe, expect, it } from "vitest";
import { computeTimerDue, type TimerSpec } from "../../workflows/timers";

const context = {
  data: { followUpMonths: 6, noticeDays: -15, years: 2, halfMonth: 1.5 },
  facts: { decision: { startDate: "2027-01-31", at: "2027-03-28T23:30:00Z" } },
  computed: { reviewOn: "2027-10-31" },
  period: { startsOn: "2027-01-31", endsOn: "2028-01-30", nextStartsOn: "2028-01-31" },
};
const read = (path: string) => path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], context);
const due = (timer: Omit<TimerSpec, "event">, enteredAt = new Date("2027-02-10T09:15:00Z")) =>
  computeTimerDue({ event: "X", ...timer }, { enteredAt, read, parameters: { oneMonth: "P1M", amount: 3 }, timeZone: "Europe/Paris" })?.toISOString() ?? null;

describe("timers without delay", () => {
  it("are due at the start (00:00 local) of their date", () => {
    expect(due({ from: "period.nextStartsOn" })).toBe("2028-01-30T23:00:00.000Z");
    expect(due({ from: "period.startsOn" })).toBe("2027-01-30T23:00:00.000Z");
    expect(due({ from: "computed.reviewOn" })).toBe("2027-10-30T22:00:00.000Z"); // still summer time on 31 October 2027 at 00:00
  });

  it("are due at entry when they start from it, and at the instant of a date-time", () => {
    expect(due({ from: "entry" })).toBe("2027-02-10T09:15:00.000Z");
    expect(due({ from: "facts.decision.at" })).toBe("2027-03-28T23:30:00.000Z");
  });
});

describe("delays read from the dossier", () => {
  it("give no due date beyond the calendar's range rather than throwing", () => {
    const huge = { data: { n: 300_000, m: 2 ** 40 } };
    const readHuge = (path: string) => path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], huge);
    for (const path of ["data.n", "data.m"]) {
      expect(computeTimerDue({ event: "X", from: "entry", delay: { years: path } }, { enteredAt: new Date("2027-01-01T00:00:00Z"), read: readHuge, parameters: {}, timeZone: "Europe/Paris" })).toBeNull();
    }
  });

  it("count months from a month end, constrained to the shorter month", () => {
    expect(due({ from: "period.startsOn", delay: { months: "data.followUpMonths" } })).toBe("2027-07-30T22:00:00.000Z");
    expect(due({ from: "facts.decision.startDate", delay: { months: "computed.missing" } })).toBeNull();
    expect(due({ from: "period.startsOn", delay: "P1M" })).toBe("2027-02-27T23:00:00.000Z"); // 31 January + 1 month = 28 February
  });

  it("count days (also before the date) and years", () => {
    expect(due({ from: "period.nextStartsOn", delay: { days: "data.noticeDays" } })).toBe("2028-01-15T23:00:00.000Z");
    expect(due({ from: "period.startsOn", delay: { years: "data.years" } })).toBe("2029-01-30T23:00:00.000Z");
  });

  it("are unplannable when the amount is not an integer or the date is missing", () => {
    expect(due({ from: "period.startsOn", delay: { months: "data.halfMonth" } })).toBeNull();
    expect(due({ from: "computed.nothing" })).toBeNull();
    expect(due({ from: "period.startsOn", delay: { parameter: "amount" } })).toBeNull();
  });

  it("still take a duration parameter, and `at` a fixed date of a later year", () => {
    expect(due({ from: "period.startsOn", delay: { parameter: "oneMonth" } })).toBe("2027-02-27T23:00:00.000Z");
    expect(due({ from: "period.startsOn", at: { yearOffset: 1, monthDay: "06-30" } })).toBe("2028-06-30T22:00:00.000Z");
  });
});
