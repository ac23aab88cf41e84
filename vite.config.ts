/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { precompressAssets } from "./server/precompressed";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isTest = process.env.VITEST === "true";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  build: { target: "es2020", cssMinify: true },
  server: { port: Number(process.env.PORT ?? 3000) },
  // Server-only native module: its "browser" entry names a WASM package we do not install,
  // and Vite's dependency scan (which follows *.server imports) would try to bundle it.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  plugins: isTest
    ? []
    : [
        remix({
          serverModuleFormat: "esm",
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_lazyRouteDiscovery: true,
            v3_singleFetch: true,
            v3_routeConfig: true,
          },
        }),
        precompressAssets(),
      ],
  test: {
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "tests/unit/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["tests/setup/vitest.setup.ts"],
    globalSetup: ["tests/setup/vitest.global.ts"],
    pool: "forks",
    testTimeout: 20_000,
  },
});
