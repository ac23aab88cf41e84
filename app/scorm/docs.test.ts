import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { PACKAGE_FILE_TYPES } from "./file-types";

/** docs/operations.md is what operators and admins read: its list of accepted types must be the allow list itself. */
test("the operations guide lists exactly the accepted file types", () => {
  const guide = fs.readFileSync(path.resolve("docs/operations.md"), "utf8");
  const listed = /<!-- scorm-types -->(.*?)<!-- \/scorm-types -->/s.exec(guide)?.[1] ?? "";
  expect([...listed.matchAll(/`([a-z0-9]+)`/g)].map((m) => m[1])).toEqual(Object.keys(PACKAGE_FILE_TYPES));
  for (const variable of ["SCORM_DIR", "SCORM_MAX_FILES", "SCORM_MAX_BYTES", "SCORM_CONTENT_ORIGIN"]) expect(guide).toContain(`\`${variable}\``);
});
