import { expect, test } from "vitest";
import { megabytes, sizeMessage } from "./sizes";

test("sizes read as an admin expects them", () => {
  expect(megabytes(500 * 1024 * 1024)).toBe(500);
  expect(megabytes(100_000)).toBe(0.1);
  expect(sizeMessage(10)).toEqual(["scorm.preview.kilobytes", { kilobytes: 1 }]);
  expect(sizeMessage(4097)).toEqual(["scorm.preview.kilobytes", { kilobytes: 5 }]);
  expect(sizeMessage(1.5 * 1024 * 1024)).toEqual(["scorm.preview.megabytes", { megabytes: 1.5 }]);
});
