import fs from "node:fs/promises";
import path from "node:path";
import YAML, { LineCounter } from "yaml";
import type { ContentKindServer } from "~/catalog/content-kind.server";
import { displayPath } from "~/catalog/course-schema.server";
import type { JsonValue } from "~/catalog/types";
import { readYamlFile } from "~/catalog/yaml-errors.server";
import { env } from "~/config/env.server";
import { parseManifest, type ScormItem } from "./manifest.server";
import { isPackageKey, packageDir } from "./store.server";

import { SCORM_ISLAND } from "./scorm-kind";

export { SCORM_ISLAND };
export const SCORM_DIR_NAME = "scorm";
export const SCORM_EXTENSION = ".yml";
/** Study time a package adds to its lesson when nothing better is known (decision 019). */
export const MINUTES_PER_SCORM_PACKAGE = 30;

/** One SCO or asset of the package's default table of contents, as the player lists and launches it. */
export type ScormEntryItem = {
  identifier: string;
  title: string;
  /** Nesting level in the table of contents (0 for top-level items). */
  depth: number;
  visible: boolean;
  scormType: "sco" | "asset" | null;
  /** Relative to the package root, percent-encoded, with the item's parameters (query, fragment) already added. */
  launch: string;
  masteryScore: number | null;
  scaledPassingScore: number | null;
  completionThreshold: number | null;
  launchData: string | null;
};

/** What courses/<slug>/scorm/<id>.yml becomes in the course document: everything the player needs. */
export type ScormEntry = {
  sha256: string;
  version: "1.2" | "2004";
  edition: 2 | 3 | 4 | null;
  title: string;
  items: ScormEntryItem[];
};

function entryItems(items: readonly ScormItem[], depth = 0): ScormEntryItem[] {
  return items.flatMap((item) => [
    ...(item.launch
      ? [
          {
            identifier: item.identifier,
            title: item.title,
            depth,
            visible: item.visible,
            scormType: item.scormType,
            launch: item.launch.href,
            masteryScore: item.masteryScore,
            scaledPassingScore: item.scaledPassingScore,
            completionThreshold: item.completionThreshold,
            launchData: item.launchData,
          },
        ]
      : []),
    ...entryItems(item.children, depth + 1),
  ]);
}

function lineOfKey(source: string, key: string): number | null {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(source, { lineCounter });
  const contents = doc.contents;
  if (!YAML.isMap(contents)) return null;
  const pair = contents.items.find((p) => YAML.isScalar(p.key) && p.key.value === key);
  const range = pair && YAML.isNode(pair.key) ? pair.key.range : null;
  return range ? lineCounter.linePos(range[0]).line : null;
}

/** Reads one courses/<slug>/scorm/<id>.yml and the stored package it names; `file` is its name in messages. */
export async function readScormFile(
  absolutePath: string,
  file: string,
  storeDir = env.SCORM_DIR,
): Promise<{ ok: true; entry: ScormEntry } | { ok: false; errors: string[] }> {
  const yaml = await readYamlFile(absolutePath, file);
  if (!yaml.ok) return yaml;
  const { source, value } = yaml;
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, errors: [`${file}: expected a YAML mapping with sha256: (the package's SHA-256, as /admin/scorm shows it)`] };
  }
  const { sha256, ...rest } = value as Record<string, unknown>;
  const errors: string[] = [];
  const at = (key: string) => {
    const line = lineOfKey(source, key);
    return line ? `${file}:${line}` : file;
  };
  for (const key of Object.keys(rest)) errors.push(`${at(key)}: ${key}: unknown field (only sha256)`);
  if (sha256 === undefined) errors.push(`${file}: sha256: Required (the package's SHA-256, as /admin/scorm shows it)`);
  else if (typeof sha256 !== "string" || !isPackageKey(sha256)) {
    errors.push(`${at("sha256")}: sha256: expected 64 lowercase hexadecimal characters (the package's SHA-256, as /admin/scorm shows it)`);
  }
  if (errors.length) return { ok: false, errors };

  const key = sha256 as string;
  let manifestBytes: Buffer;
  try {
    manifestBytes = await fs.readFile(path.join(packageDir(key, storeDir), "imsmanifest.xml"));
  } catch {
    return { ok: false, errors: [`${at("sha256")}: no SCORM package ${key} is stored (import it at /admin/scorm, or check SCORM_DIR)`] };
  }
  const parsed = parseManifest(manifestBytes);
  if (!parsed.ok) {
    return { ok: false, errors: [`${at("sha256")}: the stored package's imsmanifest.xml is invalid (${parsed.problems.map((p) => p.code).join(", ")})`] };
  }
  const { manifest } = parsed;
  const organization = manifest.organizations.find((o) => o.identifier === manifest.defaultOrganization) ?? manifest.organizations[0];
  return {
    ok: true,
    entry: { sha256: key, version: manifest.version, edition: manifest.edition, title: manifest.title, items: entryItems(organization?.items ?? []) },
  };
}

/** Validates every file of courses/<slug>/scorm/; a course without the folder has no packages. */
export async function validateCourseScorm(
  courseDir: string,
  storeDir = env.SCORM_DIR,
): Promise<{ ok: true; entries: Map<string, ScormEntry> } | { ok: false; errors: string[] }> {
  const dir = path.join(courseDir, SCORM_DIR_NAME);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith(SCORM_EXTENSION)).sort();
  } catch {
    return { ok: true, entries: new Map() };
  }
  const entries = new Map<string, ScormEntry>();
  const errors: string[] = [];
  for (const name of names) {
    const id = name.slice(0, -SCORM_EXTENSION.length);
    const file = scormDisplayName(courseDir, id);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      errors.push(`${file}: the file name must be lowercase letters, digits and dashes (it is the id <Scorm id="…" /> uses)`);
      continue;
    }
    const read = await readScormFile(path.join(dir, name), file, storeDir);
    if (read.ok) entries.set(id, read.entry);
    else errors.push(...read.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, entries };
}

export function scormDisplayName(courseDir: string, id: string): string {
  return displayPath(path.dirname(courseDir), path.basename(courseDir), SCORM_DIR_NAME, id + SCORM_EXTENSION);
}

/**
 * The SCORM kind as the course build and the lesson page run it: every
 * <Scorm id="…" /> names a courses/<slug>/scorm/<id>.yml, that file names a
 * package stored by /admin/scorm, each file is placed by one lesson in every
 * language of that lesson (attempts are per lesson), and what the player
 * needs from the package's manifest goes into the course document.
 */
export const scormKindServer: ContentKindServer = {
  name: SCORM_ISLAND,
  component: "Scorm",
  validateIsland({ props, file }) {
    const { id, ...rest } = props;
    const errors: string[] = [];
    if (typeof id !== "string" || !id) errors.push(`${file}: <Scorm> needs an id naming a file in scorm/: <Scorm id="signs-of-trafficking" />`);
    for (const key of Object.keys(rest)) errors.push(`${file}: <Scorm> has no "${key}" prop (only id)`);
    return errors;
  },
  async buildEntries({ courseDir }) {
    const checked = await validateCourseScorm(courseDir);
    if (!checked.ok) return checked;
    return { ok: true, entries: Object.fromEntries(checked.entries) as unknown as Record<string, JsonValue> };
  },
  placement: {
    fileOf: (courseDir, id) => scormDisplayName(courseDir, id),
    verb: "shows",
    participle: "shown",
    one: "a SCORM package",
  },
  studyMinutes: () => MINUTES_PER_SCORM_PACKAGE,
  // Done when the package is (app/scorm/player/lesson-package.server.ts), never by a button.
  completesLesson: true,
  loadIsland: async (input) => {
    // Imported on use: the player's data needs the database and tracking, the course build does not.
    const { scormIslandData } = await import("./player/lesson-package.server");
    return (await scormIslandData(input)) as unknown as JsonValue | null;
  },
};
