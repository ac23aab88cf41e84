/**
 * Why a SCORM package was refused. Each code has a message under
 * "scorm.errors.<code>" in every catalogue (app/scorm/problems.test.ts checks
 * it); params fill its placeholders. No .server suffix: a page shows them.
 */
/** Every code, with the params its message uses. */
export const SCORM_PROBLEMS = {
  // The zip itself
  notAZip: [],
  encrypted: ["name"],
  unsupportedCompression: ["name"],
  unsafePath: ["name"],
  duplicateEntry: ["name"],
  symlink: ["name"],
  specialFile: ["name"],
  tooManyFiles: ["max"],
  tooLarge: ["megabytes"],
  sizeMismatch: ["name"],
  executable: ["name"],
  disallowedType: ["name"],
  noManifest: [],
  manifestInFolder: ["folder"],
  manifestTooLarge: [],
  // The manifest
  invalidXml: ["line"],
  notAManifest: [],
  unknownVersion: [],
  nothingToLaunch: [],
  missingResource: ["item", "resource"],
  resourceWithoutHref: ["resource"],
  externalLaunch: ["href"],
  launchMissing: ["file"],
} as const satisfies Record<string, readonly string[]>;

export type ScormProblemCode = keyof typeof SCORM_PROBLEMS;

export type ScormProblem = { code: ScormProblemCode; params?: Record<string, string | number> };

export function problem(code: ScormProblemCode, params?: ScormProblem["params"]): ScormProblem {
  return params ? { code, params } : { code };
}

export function problemMessageKey(code: ScormProblemCode): string {
  return `scorm.errors.${code}`;
}
