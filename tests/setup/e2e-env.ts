import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, wherever Playwright or tsx was started from. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const E2E_PORT = 3200;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
/** The database the e2e server runs on; fixtures read and write it directly. */
export const E2E_DB = path.join(ROOT, "tests/.tmp/e2e.db");

/** Seeded by `npm run db:seed` (see README). */
export const DEMO_PASSWORD = "tadrib-demo-2026";
export const DEMO = {
  admin: "admin@tadrib.test",
  reviewer: "reviewer@tadrib.test",
  manager: "manager@tadrib.test",
  learner: "learner@tadrib.test",
  amina: "amina@tadrib.test",
} as const;
export const SAMPLE_COURSE = "first-steps-trafficking";
