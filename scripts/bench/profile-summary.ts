/**
 * `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 15] [--requests N] [--from µs --to µs]`:
 * prints where a `node --cpu-prof` profile's time went (see cpu-profile.ts).
 * `npm run bench:serve -- --profile` writes a profile and prints this summary for each scenario.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { formatSummary, summarizeProfile, type CpuProfile } from "./cpu-profile";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "15" }, requests: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
});
if (positionals.length !== 1) {
  console.error("usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 15] [--requests N] [--from µs --to µs]");
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(positionals[0], "utf8")) as CpuProfile;
const summary = summarizeProfile(profile, {
  fromUs: args.from ? Number(args.from) : undefined,
  toUs: args.to ? Number(args.to) : undefined,
});
console.log(formatSummary(summary, { top: Number(args.top) || 15, requests: args.requests ? Number(args.requests) : undefined }));
