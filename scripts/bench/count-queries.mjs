// Preloaded into the server by scripts/bench/queries.ts (node --import): counts the SQL statements
// better-sqlite3 prepares (Prisma's adapter prepares one per query) plus the rows read with
// Statement#get (app/db/read.server.ts prepares once and runs its statements with get, which
// Prisma's adapter never calls) and, on SIGUSR2, writes the
// running count to $TADRIB_QUERY_COUNT_FILE. Never loaded by the application itself.
import fs from "node:fs";
import { createRequire } from "node:module";
import process from "node:process";

const Database = createRequire(import.meta.url)("better-sqlite3");
let count = 0;
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function countedPrepare(...args) {
  count++;
  return prepare.apply(this, args);
};
const Statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1"));
const get = Statement.get;
Statement.get = function countedGet(...args) {
  count++;
  return get.apply(this, args);
};
process.on("SIGUSR2", () => fs.writeFileSync(process.env.TADRIB_QUERY_COUNT_FILE, String(count)));
