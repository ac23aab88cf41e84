import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, wherever Playwright or tsx was started from. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Migrated and seeded once per run (e2e-global-setup.ts); every Playwright
 * worker copies it and runs its own production server on it, so specs in
 * different workers never see each other's rows.
 */
export const E2E_TEMPLATE_DB = path.join(ROOT, "tests/.tmp/e2e-template.db");

/** This worker's database and server, set by the worker fixture in e2e-fixtures.ts. */
export function e2eDb(): string {
  const file = process.env.TADRIB_E2E_DB;
  if (!file) throw new Error("TADRIB_E2E_DB is not set: import `test` from tests/setup/e2e-fixtures.ts");
  return file;
}

export function e2eBaseUrl(): string {
  const url = process.env.TADRIB_E2E_URL;
  if (!url) throw new Error("TADRIB_E2E_URL is not set: import `test` from tests/setup/e2e-fixtures.ts");
  return url;
}

/** This worker's server's data folder (e2e-worker-server.ts): scorm/ is its SCORM_DIR, courses/ its PACKAGE_COURSES_DIR. */
export function e2eDataDir(): string {
  const dir = process.env.TADRIB_E2E_DATA;
  if (!dir) throw new Error("TADRIB_E2E_DATA is not set: import `test` from tests/setup/e2e-fixtures.ts");
  return dir;
}

/** Seeded by `npm run db:seed` (see README). */
export const DEMO_PASSWORD = "tadrib-demo-2026";
export const DEMO = {
  admin: "admin@tadrib.test",
  reviewer: "reviewer@tadrib.test",
  manager: "manager@tadrib.test",
  learner: "learner@tadrib.test",
  amina: "amina@tadrib.test",
} as const;
export const TRAFFICKING_COURSE = "trafficking-identify-protect-refer";
