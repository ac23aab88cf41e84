import { expect, test } from "vitest";
import { categoryOfModule, formatSummary, moduleOf, summarizeProfile, type CpuProfile } from "./cpu-profile";

const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });
const APP = "file:///srv/tadrib/build/server/index.js";
const REACT = "file:///srv/tadrib/node_modules/react-dom/cjs/react-dom-server.node.production.min.js";
const PRISMA = "file:///srv/tadrib/node_modules/@prisma/client/runtime/client.js";

/**
 * root ─ handler (app) ─ render (react-dom) ─ JSON.stringify (native)
 *      │                └ query (@prisma/client)
 *      ├ (garbage collector)
 *      └ (idle)
 * Samples at 1 ms intervals from t = 1,000 µs: render ×3, stringify ×2, query ×4, handler ×1, gc ×2, idle ×3.
 */
function syntheticProfile(): CpuProfile {
  const nodes = [
    { id: 1, callFrame: frame("(root)"), children: [2, 6, 7] },
    { id: 2, callFrame: frame("handler", APP, 9), children: [3, 5] },
    { id: 3, callFrame: frame("render", REACT, 86), children: [4] },
    { id: 4, callFrame: frame("stringify"), children: [] },
    { id: 5, callFrame: frame("query", PRISMA, 64), children: [] },
    { id: 6, callFrame: frame("(garbage collector)"), children: [] },
    { id: 7, callFrame: frame("(idle)"), children: [] },
  ];
  const samples = [3, 3, 3, 4, 4, 5, 5, 5, 5, 2, 6, 6, 7, 7, 7];
  return { nodes, samples, timeDeltas: samples.map(() => 1000), startTime: 0, endTime: 1000 * (samples.length + 1) };
}

test("modules come from the script's path: npm package (scoped too), app bundle, Node core, native", () => {
  expect(moduleOf(frame("x", REACT))).toBe("react-dom");
  expect(moduleOf(frame("x", PRISMA))).toBe("@prisma/client");
  expect(moduleOf(frame("x", APP))).toBe("app (build/server)");
  expect(moduleOf(frame("x", "file:///srv/tadrib/server-build/index.js"))).toBe("server (server-build)");
  expect(moduleOf(frame("x", "node:internal/streams/writable"))).toBe("node:core");
  expect(moduleOf(frame("JSON.stringify"))).toBe("(native)");
  expect(moduleOf(frame("(garbage collector)"))).toBe("(gc)");
  expect(categoryOfModule("react-dom")).toBe("React render");
  expect(categoryOfModule("@prisma/adapter-better-sqlite3")).toBe("Database (Prisma, SQLite)");
  expect(categoryOfModule("left-pad")).toBeNull();
});

test("self and total time per function, idle apart, native time counted for the package that called it", () => {
  const summary = summarizeProfile(syntheticProfile());
  expect(summary.samples).toBe(15);
  expect(summary.sampledMs).toBe(15);
  expect(summary.idleMs).toBe(3);
  expect(summary.busyMs).toBe(12);
  const self = Object.fromEntries(summary.self.map((r) => [r.name.split(" ")[0], r.ms]));
  expect(self).toEqual({ query: 4, render: 3, stringify: 2, "(garbage": 2, handler: 1 });
  const total = Object.fromEntries(summary.total.map((r) => [r.name.split(" ")[0], r.ms]));
  expect(total.handler).toBe(10);
  expect(total.render).toBe(5);
  expect(total.query).toBe(4);
  const categories = Object.fromEntries(summary.categories.map((r) => [r.name, r.ms]));
  expect(categories).toEqual({
    "React render": 5, // render itself and the JSON.stringify it called
    "Database (Prisma, SQLite)": 4,
    "Garbage collection": 2,
    "App code (loaders, i18n, components)": 1,
  });
  expect(summary.categories[0]).toMatchObject({ name: "React render", share: 5 / 12 });
  expect(summary.modules.find((m) => m.name === "(native)")?.ms).toBe(2);
});

test("a window keeps only the samples taken inside it", () => {
  // Samples 6–9 (the four query samples) were taken at 6,000 … 9,000 µs.
  const summary = summarizeProfile(syntheticProfile(), { fromUs: 6000, toUs: 10_000 });
  expect(summary.samples).toBe(4);
  expect(summary.windowMs).toBe(4);
  expect(summary.categories).toEqual([{ name: "Database (Prisma, SQLite)", ms: 4, share: 1 }]);
});

test("the text summary gives ms per request when told the request count", () => {
  const text = formatSummary(summarizeProfile(syntheticProfile()), { requests: 4, top: 3 });
  expect(text).toContain("busy 12.0 ms, idle 3.0 ms, 4 requests → 3.000 ms of main-thread CPU per request");
  expect(text).toMatch(/5\.0 ms +41\.7 % +1\.250 ms\/req +React render/);
  expect(text.split("\n").filter((l) => l.includes("ms/req")).length).toBe(12); // 4 tables × top 3
});
