import { describe, expect, test } from "vitest";
import { ageBandFor } from "./facts";

describe("ageBandFor", () => {
  const in2026 = new Date("2026-06-15T00:00:00Z");
  test.each([
    [2009, "under_18"],
    [2008, "from_18_to_24"],
    [2002, "from_18_to_24"],
    [2001, "from_25_to_34"],
    [1992, "from_25_to_34"],
    [1991, "from_35_to_44"],
    [1982, "from_35_to_44"],
    [1981, "from_45_to_54"],
    [1972, "from_45_to_54"],
    [1971, "from_55_to_64"],
    [1962, "from_55_to_64"],
    [1961, "from_65"],
    [1930, "from_65"],
  ])("born in %i: %s in 2026 (the age reached this year, birthday or not)", (year, band) => {
    expect(ageBandFor(year, in2026)).toBe(band);
  });

  test("the band follows the year it is asked for", () => {
    expect(ageBandFor(2001, new Date("2026-01-01T00:00:00Z"))).toBe("from_25_to_34");
    expect(ageBandFor(2001, new Date("2025-12-31T23:59:59Z"))).toBe("from_18_to_24");
  });
});
