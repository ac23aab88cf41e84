import { db } from "~/db/client.server";
import type { ScormAttempt, ScormPackage } from "~/db/generated/client";
import { parseDuration2004, parseTimespan12 } from "./cmi-time";
import type { CmiVersion } from "./cmi-validation.server";

/**
 * How tracking reads a stored package and an attempt's cmi data. The
 * manifest is stored as the JSON of the import's PackageManifest
 * (app/scorm/manifest.server.ts); tracking needs only the part described
 * here, so it reads that part and nothing else.
 */

/** The part of a manifest item tracking uses. */
export type TrackedItem = {
  identifier: string;
  title?: string;
  launch: unknown;
  scormType?: "sco" | "asset" | null;
  masteryScore?: number | null;
  scaledPassingScore?: number | null;
  completionThreshold?: number | null;
  launchData?: string | null;
  children: TrackedItem[];
};

export type TrackedManifest = {
  version: CmiVersion;
  defaultOrganization: string;
  organizations: { identifier: string; items: TrackedItem[] }[];
};

export type CmiData = Record<string, string>;

export function parseJsonObject<T extends object>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function isCmiVersion(value: unknown): value is CmiVersion {
  return value === "1.2" || value === "2004";
}

/** The items a learner can open in the package's default table of contents, in order. */
export function launchableItems(manifest: TrackedManifest): TrackedItem[] {
  const organization = manifest.organizations.find((o) => o.identifier === manifest.defaultOrganization) ?? manifest.organizations[0];
  const walk = (items: readonly TrackedItem[]): TrackedItem[] => items.flatMap((item) => [...(item.launch ? [item] : []), ...walk(item.children ?? [])]);
  return organization ? walk(organization.items) : [];
}

export function packageManifest(row: Pick<ScormPackage, "manifest" | "version">): TrackedManifest {
  const manifest = parseJsonObject<Partial<TrackedManifest>>(row.manifest, {});
  return {
    version: isCmiVersion(row.version) ? row.version : "1.2",
    defaultOrganization: manifest.defaultOrganization ?? "",
    organizations: Array.isArray(manifest.organizations) ? manifest.organizations : [],
  };
}

export async function findPackage(packageId: string): Promise<{ row: ScormPackage; manifest: TrackedManifest } | null> {
  const row = await db.scormPackage.findUnique({ where: { id: packageId } });
  return row ? { row, manifest: packageManifest(row) } : null;
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** The columns of ScormAttempt copied out of its cmi data at each commit, so progress and reports never parse JSON. */
export type TrackedColumns = Pick<
  ScormAttempt,
  | "lessonStatus"
  | "completionStatus"
  | "successStatus"
  | "scoreRaw"
  | "scoreMin"
  | "scoreMax"
  | "scoreScaled"
  | "progressMeasure"
  | "sessionSeconds"
  | "suspendDataLength"
  | "exit"
>;

export function trackedColumns(version: CmiVersion, cmi: Readonly<CmiData>): TrackedColumns {
  if (version === "1.2") {
    return {
      lessonStatus: cmi["cmi.core.lesson_status"] ?? null,
      completionStatus: null,
      successStatus: null,
      scoreRaw: numberOrNull(cmi["cmi.core.score.raw"]),
      scoreMin: numberOrNull(cmi["cmi.core.score.min"]),
      scoreMax: numberOrNull(cmi["cmi.core.score.max"]),
      scoreScaled: null,
      progressMeasure: null,
      sessionSeconds: parseTimespan12(cmi["cmi.core.session_time"] ?? "") ?? 0,
      suspendDataLength: (cmi["cmi.suspend_data"] ?? "").length,
      exit: cmi["cmi.core.exit"] ?? null,
    };
  }
  return {
    lessonStatus: null,
    completionStatus: cmi["cmi.completion_status"] ?? null,
    successStatus: cmi["cmi.success_status"] ?? null,
    scoreRaw: numberOrNull(cmi["cmi.score.raw"]),
    scoreMin: numberOrNull(cmi["cmi.score.min"]),
    scoreMax: numberOrNull(cmi["cmi.score.max"]),
    scoreScaled: numberOrNull(cmi["cmi.score.scaled"]),
    progressMeasure: numberOrNull(cmi["cmi.progress_measure"]),
    sessionSeconds: parseDuration2004(cmi["cmi.session_time"] ?? "") ?? 0,
    suspendDataLength: (cmi["cmi.suspend_data"] ?? "").length,
    exit: cmi["cmi.exit"] ?? null,
  };
}

export const EXIT_ELEMENT: Record<CmiVersion, string> = { "1.2": "cmi.core.exit", "2004": "cmi.exit" };
export const SESSION_TIME_ELEMENT: Record<CmiVersion, string> = { "1.2": "cmi.core.session_time", "2004": "cmi.session_time" };
