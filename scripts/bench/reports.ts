/**
 * `npm run bench:reports`: how long the trained-count reports take on a
 * large installation. Builds a throwaway database (100,000 people, 1,000
 * organisations, 300,000 enrolments, 2,000,000 lesson-progress rows, 5,000
 * sessions with attendance), then runs each main report — totals, each
 * breakdown, three cross-tables, the over-time series, filtered reports — as
 * the report code computes it (SQL, labels, masking, description), then whole
 * pages (a manager's, an admin's), and prints the median and 95th percentile
 * of each.
 * The last line is `worst median: <N> ms`. Budget: 300 ms per report.
 *
 *   npm run bench:reports [-- --runs 9 --scale 1 --keep]
 *
 * --scale 0.1 makes a dataset ten times smaller (for a quick look);
 * --keep leaves the database file and prints its path.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { FULL_SIZES, generateDataset } from "./reports-dataset";
import { median as medianOf, percentile } from "./stats";

const BUDGET_MS = 300;
const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "9" }, scale: { type: "string", default: "1" }, keep: { type: "boolean", default: false } },
});
const runs = Math.min(Math.max(Number(args.runs) || 9, 3), 50);
const scale = Math.min(Math.max(Number(args.scale) || 1, 0.001), 1);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-bench-reports-"));
const file = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV ??= "production";
process.env.LOG_LEVEL ??= "warn";

const started = Date.now();
const say = (line: string) => console.log(`[bench:reports ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

async function main() {
  const { migrate, openDatabase } = await import("~/db/migrate.server");
  const database = openDatabase(file);
  migrate(database);
  database.close();

  const sizes = Object.fromEntries(Object.entries(FULL_SIZES).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))])) as typeof FULL_SIZES;
  say(`generating ${Object.entries(sizes).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ")}`);
  const counts = generateDataset(file, sizes);
  say(`dataset ready: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")} (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);

  const { db } = await import("~/db/client.server");
  const { DEFAULT_DEFINITION, DIMENSIONS } = await import("~/reports/definition");
  const { runReport } = await import("~/reports/report.server");
  type Definition = typeof DEFAULT_DEFINITION;

  // The largest organisation: its manager's report is the heaviest one a manager can ask for.
  const [largest] = await db.trainingRecord.groupBy({ by: ["organisationId"], where: { organisationId: { not: null } }, _count: { _all: true }, orderBy: { _count: { organisationId: "desc" } }, take: 1 });
  const base: Definition = { ...DEFAULT_DEFINITION, rows: null };
  const noSeries = { series: false };
  // The reports the issue names, each as its own query set, then whole pages as the report page loads them.
  const reports: { name: string; definition: Definition; organisationId?: string | null; series?: boolean }[] = [
    { name: "totals", definition: base, ...noSeries },
    ...DIMENSIONS.map((d) => ({ name: `breakdown by ${d}`, definition: { ...base, rows: d }, ...noSeries })),
    { name: "cross profession × course", definition: { ...base, rows: "profession", columns: "course" }, ...noSeries },
    { name: "cross region × sex", definition: { ...base, rows: "region", columns: "sex" }, ...noSeries },
    { name: "cross organisationType × year", definition: { ...base, rows: "organisationType", columns: "year" }, ...noSeries },
    { name: "over time (all years)", definition: base },
    { name: "over time (2025, by month)", definition: { ...base, period: { kind: "year", year: 2025 } } },
    { name: "filtered: 2025, attended, women, by region", definition: { ...base, trained: "attended", period: { kind: "year", year: 2025 }, filters: { ...base.filters, sexes: ["woman"] }, rows: "region" }, ...noSeries },
    { name: "filtered: still current, by profession", definition: { ...base, filters: { ...base.filters, currentOnly: true }, rows: "profession" }, ...noSeries },
    { name: "manager: page, profession × year", definition: { ...base, rows: "profession", columns: "year" }, organisationId: largest?.organisationId ?? null },
    { name: "admin: page, by profession", definition: { ...base, rows: "profession" } },
  ];

  const results: { name: string; median: number; p95: number }[] = [];
  for (const [i, report] of reports.entries()) {
    const times: number[] = [];
    // One unmeasured run first: the page cache warms as it would on a live server.
    for (let run = 0; run <= runs; run++) {
      const t0 = performance.now();
      await runReport(report.definition, { organisationId: report.organisationId ?? null }, { locale: "fr", series: report.series ?? true });
      if (run > 0) times.push(performance.now() - t0);
    }
    const median = medianOf(times);
    const p95 = percentile(times, 95);
    results.push({ name: report.name, median, p95 });
    say(`[${i + 1}/${reports.length}] ${report.name}: median ${median.toFixed(0)} ms`);
  }
  await db.$disconnect();

  const width = Math.max(...results.map((r) => r.name.length));
  console.log("");
  console.log(`${"report".padEnd(width)}  median ms  p95 ms  budget`);
  for (const r of results) {
    console.log(`${r.name.padEnd(width)}  ${r.median.toFixed(1).padStart(9)}  ${r.p95.toFixed(1).padStart(6)}  ${r.median <= BUDGET_MS ? "ok" : "OVER"}`);
  }
  console.log("");
  console.log(`${runs} runs per report, dataset scale ${scale}; budget ${BUDGET_MS} ms per report.`);
  if (args.keep) console.log(`database kept: ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  console.log(`worst median: ${Math.round(Math.max(...results.map((r) => r.median)))} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
