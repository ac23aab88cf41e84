import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/setup/e2e-browser";

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
    // French is the default language; a visitor whose browser asks for nothing else gets it.
    locale: "fr-FR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // A production build and a seeded template database, once; then each worker starts its own
  // server on its own copy (tests/setup/e2e-fixtures.ts).
  globalSetup: "./tests/setup/e2e-global-setup.ts",
});
