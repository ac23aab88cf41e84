/**
 * Reading a V8 .cpuprofile (what `node --cpu-prof` writes) without a GUI:
 * where the main thread's time went, by function (self and total time), by
 * module (npm package, app bundle, Node core) and by category (React render,
 * database, Remix, Express…). An optional window keeps only the samples taken
 * between two instants of the profile's clock (microseconds, CLOCK_MONOTONIC
 * on Linux: the same clock as process.hrtime in another process), so one
 * profile can be cut into one part per load scenario.
 */

export type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId?: string };
export type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type Row = { name: string; ms: number; share: number };
export type ProfileSummary = {
  windowMs: number;
  sampledMs: number;
  idleMs: number;
  busyMs: number;
  samples: number;
  categories: Row[];
  modules: Row[];
  self: Row[];
  total: Row[];
};

const IDLE = "(idle)";

/** Which package or part of the app a frame belongs to. */
export function moduleOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === "(garbage collector)") return "(gc)";
    if (functionName === "(idle)" || functionName === "(program)" || functionName === "(root)") return functionName;
    return "(native)";
  }
  if (url.startsWith("node:")) return "node:core";
  const inModules = url.lastIndexOf("/node_modules/");
  if (inModules >= 0) {
    const rest = url.slice(inModules + "/node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/build/server/")) return "app (build/server)";
  if (url.includes("/server-build/")) return "server (server-build)";
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/");
}

/** Categories the issue asks about, by the package a sample's code belongs to. */
const CATEGORIES: [RegExp, string][] = [
  [/^react(-dom)?$|^scheduler$/, "React render"],
  [/^@remix-run\/|^turbo-stream$|^cookie(-signature)?$|^set-cookie-parser$/, "Remix (routing, loader data serialisation)"],
  [/^@prisma\/|^better-sqlite3$/, "Database (Prisma, SQLite)"],
  [/^@oslojs\/|^@node-rs\//, "Sessions (token hashing)"],
  [/^compression$|^compressible$|^negotiator$/, "Compression (main-thread part)"],
  [/^express$|^router$|^body-parser$|^send$|^serve-static$|^finalhandler$|^on-headers$|^on-finished$|^qs$|^mime|^accepts$|^type-is$|^content-type$|^etag$|^fresh$|^proxy-addr$|^parseurl$|^depd$|^debug$|^vary$|^encodeurl$|^escape-html$|^utils-merge$/, "Express and middleware"],
  [/^pino/, "Logging"],
  [/^app \(build\/server\)$/, "App code (loaders, i18n, components)"],
  [/^server \(server-build\)$/, "Server glue (server/*.ts)"],
];

export function categoryOfModule(module: string): string | null {
  for (const [pattern, name] of CATEGORIES) if (pattern.test(module)) return name;
  return null;
}

function leafCategory(module: string): string {
  if (module === "(gc)") return "Garbage collection";
  if (module === IDLE) return "Idle";
  if (module === "(program)") return "(program): native code outside JS";
  if (module === "node:core") return "Node core (http, streams, timers)";
  return `Other (${module})`;
}

const frameName = (frame: CallFrame) =>
  `${frame.functionName || "(anonymous)"} ${frame.url ? `${frame.url.replace(/^file:\/\//, "").split("/").slice(-2).join("/")}:${frame.lineNumber + 1}` : `[${moduleOf(frame)}]`}`;

function rows(map: Map<string, number>, busyMs: number): Row[] {
  return [...map.entries()]
    .map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }))
    .sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
}

export function summarizeProfile(profile: CpuProfile, window: { fromUs?: number; toUs?: number } = {}): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Sample i was taken at startTime + Σ deltas[0..i] and lasts until the next one.
  const times: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const from = window.fromUs ?? profile.startTime;
  const to = window.toUs ?? profile.endTime;

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const modules = new Map<string, number>();
  const categories = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let sampledMs = 0;
  let idleMs = 0;
  let counted = 0;

  for (let i = 0; i < profile.samples.length; i++) {
    if (times[i] < from || times[i] >= to) continue;
    const ms = ((i + 1 < times.length ? times[i + 1] : profile.endTime) - times[i]) / 1000;
    const leaf = byId.get(profile.samples[i]);
    if (!leaf || ms < 0) continue;
    counted++;
    sampledMs += ms;
    const leafModule = moduleOf(leaf.callFrame);
    if (leafModule === IDLE) {
      idleMs += ms;
      continue;
    }
    add(self, frameName(leaf.callFrame), ms);
    add(modules, leafModule, ms);
    let category: string | null = null;
    const seen = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
      const name = frameName(node.callFrame);
      if (node.callFrame.functionName !== "(root)" && !seen.has(name)) {
        seen.add(name);
        add(total, name, ms);
      }
      // Native and Node-core frames (JSON.stringify, zlib, streams) count for the code that called them.
      category ??= categoryOfModule(moduleOf(node.callFrame));
    }
    add(categories, category ?? leafCategory(leafModule), ms);
  }
  const busyMs = sampledMs - idleMs;
  return {
    windowMs: (to - from) / 1000,
    sampledMs,
    idleMs,
    busyMs,
    samples: counted,
    categories: rows(categories, busyMs),
    modules: rows(modules, busyMs),
    self: rows(self, busyMs),
    total: rows(total, busyMs),
  };
}

/** The summary as text; with a request count, every figure also per request. */
export function formatSummary(summary: ProfileSummary, { top = 15, requests }: { top?: number; requests?: number } = {}): string {
  const perRequest = requests && requests > 0 ? (ms: number) => `${(ms / requests).toFixed(3).padStart(8)} ms/req` : () => "";
  const table = (title: string, list: Row[]) => [
    `${title}:`,
    ...list.slice(0, top).map((r) => `  ${r.ms.toFixed(1).padStart(9)} ms ${(r.share * 100).toFixed(1).padStart(5)} % ${perRequest(r.ms)}  ${r.name}`),
  ];
  return [
    `window ${summary.windowMs.toFixed(0)} ms, ${summary.samples} samples: busy ${summary.busyMs.toFixed(1)} ms, idle ${summary.idleMs.toFixed(1)} ms` +
      (requests ? `, ${requests} requests → ${(summary.busyMs / requests).toFixed(3)} ms of main-thread CPU per request` : ""),
    ...table("by category (a sample counts for the innermost package or app code on its stack)", summary.categories),
    ...table("by module (self time)", summary.modules),
    ...table("functions by self time", summary.self),
    ...table("functions by total time", summary.total),
  ].join("\n");
}
