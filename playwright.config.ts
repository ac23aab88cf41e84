import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/setup/e2e-browser";
import { E2E_BASE_URL } from "./tests/setup/e2e-env";

const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  // Two cores are shared by the server, the browser and the runner.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: ci ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    // French is the default language; a visitor whose browser asks for nothing else gets it.
    locale: "fr-FR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "npx tsx tests/setup/e2e-server.ts",
    url: `${E2E_BASE_URL}/healthz`,
    // Migrating, seeding and a production build (1–2 minutes on a busy machine) come first.
    timeout: 300_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
