/**
 * `npm run db:backup -- <file> [--force]`: a consistent copy of the live
 * database (DATABASE_URL), safe to take while the app is serving.
 */
import { databasePath } from "~/config/env.server";
import { BackupError, backupDatabase, type BackupProgress } from "~/db/backup.server";

const USAGE = "Usage: npm run db:backup -- <backup-file> [--force]";

const args = process.argv.slice(2);
const force = args.includes("--force");
const unknown = args.filter((a) => a.startsWith("-") && a !== "--force");
const files = args.filter((a) => !a.startsWith("-"));

if (unknown.length > 0 || files.length !== 1) {
  console.error(
    files.length === 0 && unknown.length === 0
      ? `Missing the backup file to write.\n${USAGE}`
      : `Unexpected arguments: ${[...unknown, ...files.slice(1)].join(" ")}\n${USAGE}`,
  );
  process.exit(2);
}

const source = databasePath();
const interactive = process.stdout.isTTY;
let lastShown = -1;

function showProgress({ percent, copiedPages, totalPages }: BackupProgress) {
  if (interactive) {
    process.stdout.write(`\r  copying… ${String(percent).padStart(3)}% (${copiedPages}/${totalPages} pages)`);
  } else if (percent >= lastShown + 10 || percent === 100) {
    // Logs and CI get one line per tenth instead of a carriage-return animation.
    lastShown = percent - (percent % 10);
    console.log(`  copying… ${percent}% (${copiedPages}/${totalPages} pages)`);
  }
}

function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

console.log(`Backing up ${source}`);
try {
  const result = await backupDatabase({ source, destination: files[0], force, onProgress: showProgress });
  if (interactive) process.stdout.write("\n");
  console.log(
    [
      `Backup written to ${result.destination}`,
      `  pages:      ${result.pages}`,
      `  size:       ${formatBytes(result.bytes)} (${result.bytes} bytes)`,
      `  duration:   ${result.durationMs} ms${result.restarts ? ` (restarted ${result.restarts}× by concurrent writes)` : ""}`,
      `  integrity:  ${result.integrity}`,
    ].join("\n"),
  );
} catch (error) {
  if (interactive) process.stdout.write("\n");
  if (error instanceof BackupError) {
    console.error(`Backup failed: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
