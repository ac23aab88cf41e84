// Preloaded into the server by scripts/bench/queries.ts (node --import): counts the SQL statements
// better-sqlite3 runs: each prepare (Prisma's adapter prepares one per query) plus each further run of
// a statement already prepared (app/db/read.server.ts prepares once and runs many times) and, on
// SIGUSR2, writes the running count to $TADRIB_QUERY_COUNT_FILE. Never loaded by the application itself.
import fs from "node:fs";
import { createRequire } from "node:module";
import process from "node:process";

const Database = createRequire(import.meta.url)("better-sqlite3");
const Statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1"));
let count = 0;
// Prepared and not run yet: its first run is the statement prepare() already counted.
const fresh = new WeakSet();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function countedPrepare(...args) {
  count++;
  const statement = prepare.apply(this, args);
  fresh.add(statement);
  return statement;
};
for (const method of ["get", "all", "run"]) {
  const original = Statement[method];
  Statement[method] = function counted(...args) {
    if (!fresh.delete(this)) count++;
    return original.apply(this, args);
  };
}
// Written beside, then renamed: the reader waits for the file to exist, and must never see it half written.
process.on("SIGUSR2", () => {
  const file = process.env.TADRIB_QUERY_COUNT_FILE;
  fs.writeFileSync(`${file}.tmp`, String(count));
  fs.renameSync(`${file}.tmp`, file);
});
