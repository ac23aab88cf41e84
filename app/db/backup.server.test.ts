import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_TMP_DIR } from "../../tests/setup/paths";
import { BackupError, backupDatabase, type BackupProgress } from "./backup.server";
import { openDatabase } from "./migrate.server";

const workDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "backup-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

let counter = 0;
const file = (name: string) => path.join(workDir, `${++counter}-${name}`);

/**
 * Each write adds an item and bumps a counter in one transaction, so a copy
 * that is a true snapshot always has count(item) = counter.n.
 */
function sourceDatabase(rows: number): string {
  const source = file("source.db");
  const database = openDatabase(source);
  database.exec(`CREATE TABLE item (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
                 CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);`);
  const insert = database.prepare(`INSERT INTO item (payload) VALUES (?)`);
  database.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(randomBytes(1000));
    database.prepare(`UPDATE counter SET n = ?`).run(rows);
  })();
  database.close();
  return source;
}

function readCopy(copy: string) {
  const database = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: database.pragma("integrity_check", { simple: true }),
      journalMode: database.pragma("journal_mode", { simple: true }),
      items: database.prepare(`SELECT count(*) FROM item`).pluck().get() as number,
      counter: database.prepare(`SELECT n FROM counter`).pluck().get() as number,
    };
  } finally {
    database.close();
  }
}

describe("backupDatabase", () => {
  it("takes a consistent copy while another connection keeps inserting", async () => {
    const source = sourceDatabase(3000);
    const writer = openDatabase(source);
    const insert = writer.prepare(`INSERT INTO item (payload) VALUES (?)`);
    const bump = writer.prepare(`UPDATE counter SET n = n + 1`);
    const write = writer.transaction(() => {
      insert.run(randomBytes(1000));
      bump.run();
    });

    let writing = true;
    let writes = 0;
    const writeLoop = new Promise<void>((resolve) => {
      const tick = () => {
        if (!writing) return resolve();
        write();
        writes += 1;
        setImmediate(tick);
      };
      setImmediate(tick);
    });

    const progress: BackupProgress[] = [];
    const destination = file("backup.db");
    let result;
    try {
      result = await backupDatabase({ source, destination, pagesPerStep: 50, onProgress: (p) => progress.push(p) });
    } finally {
      writing = false;
      await writeLoop;
    }
    const finalCount = writer.prepare(`SELECT count(*) FROM item`).pluck().get() as number;
    writer.close();

    expect(writes, "the writer must have run during the backup").toBeGreaterThan(0);
    expect(result.restarts, "concurrent writes make SQLite restart the copy").toBeGreaterThan(0);
    const copy = readCopy(destination);
    expect(copy.integrity).toBe("ok");
    expect(copy.items).toBe(copy.counter);
    expect(copy.items).toBeGreaterThanOrEqual(3000);
    expect(copy.items).toBeLessThanOrEqual(finalCount);
    expect(result).toMatchObject({ destination, integrity: "ok", bytes: fs.statSync(destination).size });
    expect(result.pages * 4096).toBe(result.bytes);
    expect(progress.at(-1)?.percent).toBe(100);
    expect(progress.some((p) => p.percent > 0 && p.percent < 100)).toBe(true);
  });

  it("writes one self-contained file, not a WAL database", async () => {
    const source = sourceDatabase(10);
    const destination = file("single.db");
    await backupDatabase({ source, destination });
    expect(readCopy(destination)).toMatchObject({ journalMode: "delete", items: 10, counter: 10, integrity: "ok" });
    expect(fs.existsSync(`${destination}-wal`)).toBe(false);
    expect(fs.existsSync(`${destination}.partial`)).toBe(false);
  });

  it("refuses to overwrite an existing file unless forced", async () => {
    const source = sourceDatabase(5);
    const destination = file("existing.db");
    fs.writeFileSync(destination, "keep me");

    await expect(backupDatabase({ source, destination })).rejects.toThrow(
      new BackupError(`${destination} already exists. Choose another file or pass --force to overwrite it.`),
    );
    expect(fs.readFileSync(destination, "utf8")).toBe("keep me");

    await backupDatabase({ source, destination, force: true });
    expect(readCopy(destination).items).toBe(5);
  });

  it("refuses a missing source instead of backing up an empty database", async () => {
    const source = file("missing.db");
    const destination = file("never.db");
    await expect(backupDatabase({ source, destination })).rejects.toThrow(`Database ${source} does not exist.`);
    expect(fs.existsSync(source)).toBe(false);
    expect(fs.existsSync(destination)).toBe(false);
  });
});
