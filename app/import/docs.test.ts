import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { COLUMNS } from "./columns";
import { AGE_BAND_CODES, LANGUAGES, ORGANISATION_TYPES, PROFESSIONS, SEXES } from "./values";

/** docs/importing.md is what admins read: it must name every column and every code the import accepts. */
test("the import guide documents every column and every accepted code", () => {
  const guide = fs.readFileSync(path.resolve("docs/importing.md"), "utf8");
  const codes = [...COLUMNS, ...AGE_BAND_CODES, ...[SEXES, PROFESSIONS, ORGANISATION_TYPES, LANGUAGES].flatMap((words) => [...new Set(words.values())])];
  expect(codes.filter((code) => !guide.includes(`\`${code}\``))).toEqual([]);
});
