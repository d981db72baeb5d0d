import { describe, expect, it } from "vitest";
import { isAttachmentRef, isSiret, luhnValid } from "../../server/engine/formats";

describe("SIRET", () => {
  it.each(["73282932000074", "20063000600019", "40123456700014", "35600000000048", "35600000012345".replace(/5$/, "6")])("accepts %s", (siret) => {
    if (siret.startsWith("356") && siret !== "35600000000048") {
      const digitSum = [...siret].reduce((s, c) => s + Number(c), 0);
      expect(isSiret(siret)).toBe(digitSum % 5 === 0);
    } else expect(isSiret(siret)).toBe(true);
  });

  it.each(["73282932000075", "2006300060001", "200630006000190", "2006300060001A", "", "20063 000600019"])("refuses %s", (siret) => {
    expect(isSiret(siret)).toBe(false);
  });

  it("uses the Luhn checksum", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
  });
});

describe("attachment references", () => {
  it("accepts identifiers and refuses paths", () => {
    expect(isAttachmentRef("att_0000fichedeposte")).toBe(true);
    expect(isAttachmentRef("../../etc/passwd")).toBe(false);
    expect(isAttachmentRef("short")).toBe(false);
  });
});
