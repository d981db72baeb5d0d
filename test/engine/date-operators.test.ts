import { describe, expect, it } from "vitest";
import { evaluate } from "../../server/engine/expressions";

const PARIS = { timeZone: "Europe/Paris" };
const run = (expression: unknown, context: object = {}, options = PARIS) => evaluate(expression, context, options);

describe("date_add", () => {
  it("adds an ISO 8601 duration", () => {
    expect(run({ date_add: ["2026-09-11", "P1Y"] })).toBe("2027-09-11");
    expect(run({ date_add: ["2026-09-11", "P30D"] })).toBe("2026-10-11");
    expect(run({ date_add: ["2026-09-11", "P2W"] })).toBe("2026-09-25");
    expect(run({ date_add: ["2026-09-11", "P1Y6M"] })).toBe("2028-03-11");
    expect(run({ date_add: ["2026-09-11", "-P1D"] })).toBe("2026-09-10");
  });

  it("reads the duration from a parameter and the amount from data", () => {
    const context = { parameters: { labelDuration: "P2Y" }, data: { startsOn: "2026-10-01", months: 18 } };
    expect(run({ date_add: [{ var: "data.startsOn" }, { var: "parameters.labelDuration" }] }, context)).toBe("2028-10-01");
    expect(run({ date_add: [{ var: "data.startsOn" }, { var: "data.months" }, "months"] }, context)).toBe("2028-04-01");
  });

  it("adds an integer amount of days, months or years, negative included", () => {
    expect(run({ date_add: ["2026-12-31", 1, "days"] })).toBe("2027-01-01");
    expect(run({ date_add: ["2026-03-31", -1, "months"] })).toBe("2026-02-28");
    expect(run({ date_add: ["2026-09-11", 3, "years"] })).toBe("2029-09-11");
    expect(run({ date_add: ["2026-09-11", 0, "days"] })).toBe("2026-09-11");
  });

  it("constrains month ends", () => {
    expect(run({ date_add: ["2027-01-31", "P1M"] })).toBe("2027-02-28");
    expect(run({ date_add: ["2027-01-31", 1, "months"] })).toBe("2027-02-28");
    expect(run({ date_add: ["2026-05-31", "P1M"] })).toBe("2026-06-30");
    expect(run({ date_add: ["2026-08-31", "P1M1D"] })).toBe("2026-10-01");
  });

  it("knows leap years", () => {
    expect(run({ date_add: ["2028-01-31", "P1M"] })).toBe("2028-02-29");
    expect(run({ date_add: ["2028-02-29", "P1Y"] })).toBe("2029-02-28");
    expect(run({ date_add: ["2028-02-29", "P4Y"] })).toBe("2032-02-29");
    expect(run({ date_add: ["2028-02-28", "P1D"] })).toBe("2028-02-29");
    expect(run({ date_add: ["2100-02-28", "P1D"] })).toBe("2100-03-01");
  });

  it("gives null when an argument is missing or invalid", () => {
    const invalid: unknown[][] = [
      [null, "P1Y"], [{ var: "data.missing" }, "P1Y"], ["2027-02-30", "P1D"], ["11/09/2026", "P1D"], [20260911, "P1D"],
      ["2026-09-11", "PT1H"], ["2026-09-11", "P"], ["2026-09-11", null], ["2026-09-11", 3], ["2026-09-11", "1 an"],
      ["2026-09-11", 1.5, "days"], ["2026-09-11", "3", "days"], ["2026-09-11", 1, "weeks"], ["2026-09-11", 1, null], ["2026-09-11", 1e12, "days"],
      ["9999-12-31", 1, "days"], ["2026-09-11"],
    ];
    for (const args of invalid) expect(run({ date_add: args }, { data: {} }), JSON.stringify(args)).toBeNull();
  });

  it("takes a date-time to its local date in the procedure's time zone first", () => {
    // 23:30 UTC on the 11th is already the 12th in Paris (UTC+2 in September), still the 11th in UTC.
    expect(run({ date_add: ["2026-09-11T23:30:00Z", 0, "days"] })).toBe("2026-09-12");
    expect(run({ date_add: ["2026-09-11T23:30:00Z", 0, "days"] }, {}, { timeZone: "UTC" })).toBe("2026-09-11");
    expect(run({ date_add: ["2026-09-11T02:00:00Z", "P1D"] }, {}, { timeZone: "America/New_York" })).toBe("2026-09-11");
    expect(run({ date_add: ["2026-09-11T23:59:59+02:00", "P1D"] })).toBe("2026-09-12");
    // Winter time: 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
    expect(run({ year_of: "2026-12-31T23:30:00Z" })).toBe(2027);
    expect(run({ month_of: "2026-12-31T23:30:00Z" })).toBe(1);
    // Without an offset, a date-time is already local.
    expect(run({ date_add: ["2026-09-11T23:30:00", 0, "days"] })).toBe("2026-09-11");
  });
});

describe("date_diff_days and date_diff_months", () => {
  it("counts days from the first date to the second, negative when before", () => {
    expect(run({ date_diff_days: ["2026-09-01", "2026-09-11"] })).toBe(10);
    expect(run({ date_diff_days: ["2026-09-11", "2026-09-01"] })).toBe(-10);
    expect(run({ date_diff_days: ["2026-09-11", "2026-09-11"] })).toBe(0);
    expect(run({ date_diff_days: ["2028-02-28", "2028-03-01"] })).toBe(2);
    expect(run({ date_diff_days: ["2027-02-28", "2027-03-01"] })).toBe(1);
    expect(run({ date_diff_days: ["2026-01-01", "2027-01-01"] })).toBe(365);
    expect(run({ date_diff_days: ["2028-01-01", "2029-01-01"] })).toBe(366);
  });

  it("counts whole months, truncated toward zero", () => {
    expect(run({ date_diff_months: ["2026-01-15", "2026-07-14"] })).toBe(5);
    expect(run({ date_diff_months: ["2026-01-15", "2026-07-15"] })).toBe(6);
    expect(run({ date_diff_months: ["2026-09-11", "2028-09-11"] })).toBe(24);
    expect(run({ date_diff_months: ["2026-01-31", "2026-02-28"] })).toBe(0);
    expect(run({ date_diff_months: ["2026-01-31", "2026-03-01"] })).toBe(1);
    expect(run({ date_diff_months: ["2026-03-15", "2026-01-16"] })).toBe(-1);
    expect(run({ date_diff_months: ["2026-03-15", "2026-01-15"] })).toBe(-2);
    expect(Object.is(run({ date_diff_months: ["2026-03-15", "2026-03-01"] }), 0)).toBe(true);
  });

  it("gives null when a date is missing or invalid", () => {
    for (const op of ["date_diff_days", "date_diff_months"]) {
      expect(run({ [op]: [null, "2026-09-11"] })).toBeNull();
      expect(run({ [op]: ["2026-09-11", { var: "data.none" }] }, { data: {} })).toBeNull();
      expect(run({ [op]: ["2026-02-29", "2026-09-11"] })).toBeNull();
      expect(run({ [op]: ["2026-09-11", "demain"] })).toBeNull();
    }
  });

  it("sees date-times in the procedure's time zone", () => {
    expect(run({ date_diff_days: ["2026-09-11", "2026-09-11T22:30:00Z"] })).toBe(1);
    expect(run({ date_diff_days: ["2026-09-11", "2026-09-11T22:30:00Z"] }, {}, { timeZone: "UTC" })).toBe(0);
  });
});

describe("year_of, month_of and comparisons", () => {
  it("reads the year and the month of a date", () => {
    expect(run({ year_of: "2026-09-11" })).toBe(2026);
    expect(run({ month_of: ["2026-09-11"] })).toBe(9);
    expect(run({ month_of: "2026-01-01" })).toBe(1);
    expect(run({ year_of: null })).toBeNull();
    expect(run({ month_of: "2026-13-01" })).toBeNull();
  });

  it("compares dates as strings", () => {
    expect(run({ "<": ["2026-09-11", "2026-10-01"] })).toBe(true);
    expect(run({ ">=": [{ date_add: ["2026-09-11", "P1Y"] }, "2027-09-11"] })).toBe(true);
    expect(run({ "==": [{ date_add: ["2027-01-31", "P1M"] }, "2027-02-28"] })).toBe(true);
    expect(run({ "<=": ["2026-01-01", "2026-06-15", "2026-12-31"] })).toBe(true);
  });

  it("defaults to UTC and does not keep the time zone of a previous evaluation", () => {
    expect(run({ year_of: "2026-12-31T23:30:00Z" })).toBe(2027);
    expect(evaluate({ year_of: "2026-12-31T23:30:00Z" }, {})).toBe(2026);
  });
});
