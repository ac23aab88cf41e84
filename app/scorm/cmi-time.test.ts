import { describe, expect, it } from "vitest";
import { formatDuration2004, formatTimespan12, parseDuration2004, parseTimespan12 } from "./cmi-time";

describe("SCORM 1.2 CMITimespan", () => {
  it("reads HH:MM:SS with two to four hour digits and up to two decimals", () => {
    expect(parseTimespan12("00:00:00")).toBe(0);
    expect(parseTimespan12("01:02:03.5")).toBe(3723.5);
    expect(parseTimespan12("1234:00:01.25")).toBe(1234 * 3600 + 1.25);
  });

  it("refuses what is not one", () => {
    for (const bad of ["1:00:00", "00:60:00", "00:00:60", "00:00:00.123", "12345:00:00", "PT1S", "", "00:00"]) {
      expect(parseTimespan12(bad), bad).toBeNull();
    }
  });

  it("writes totals back in the same format", () => {
    expect(formatTimespan12(0)).toBe("00:00:00");
    expect(formatTimespan12(3723.5)).toBe("01:02:03.5");
    expect(formatTimespan12(108 * 3600)).toBe("108:00:00");
    expect(parseTimespan12(formatTimespan12(4000.25))).toBe(4000.25);
  });
});

describe("SCORM 2004 timeinterval (ISO 8601 duration)", () => {
  it("reads every designator", () => {
    expect(parseDuration2004("PT0S")).toBe(0);
    expect(parseDuration2004("PT1H2M3.5S")).toBe(3723.5);
    expect(parseDuration2004("P1D")).toBe(86400);
    expect(parseDuration2004("P1Y2M3DT4H5M6S")).toBe(((365 + 60 + 3) * 24 + 4) * 3600 + 5 * 60 + 6);
  });

  it("refuses what is not one", () => {
    for (const bad of ["P", "PT", "P1DT", "1H", "PT1.234S", "PT-1S", "PT1S1M", "01:00:00", ""]) {
      expect(parseDuration2004(bad), bad).toBeNull();
    }
  });

  it("writes totals back", () => {
    expect(formatDuration2004(0)).toBe("PT0S");
    expect(formatDuration2004(3723.5)).toBe("PT1H2M3.5S");
    expect(formatDuration2004(7200)).toBe("PT2H");
    expect(parseDuration2004(formatDuration2004(90061.25))).toBe(90061.25);
  });
});
