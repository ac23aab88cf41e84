import path from "node:path";
import { expect, it } from "vitest";
import { databasePath } from "~/config/env.server";
import { db } from "~/db/client.server";
import { readMigrations } from "~/db/migrate.server";
import { TEMPLATE_DB, TEST_TMP_DIR } from "../setup/paths";

/**
 * Shared by two test files. If both files were handed the same database, one
 * of them would see the other's row (the emptiness check) or collide with it
 * (the unique email), whatever order they run in.
 */
export function defineIsolationTests(): void {
  it("uses its own copy of the template, not the template itself", () => {
    const file = databasePath();
    expect(path.dirname(file)).toBe(TEST_TMP_DIR);
    expect(path.basename(file)).toMatch(new RegExp(`^db-${process.pid}-[0-9a-f]{12}\\.db$`));
    expect(file).not.toBe(TEMPLATE_DB);
  });

  it("starts migrated and empty, and keeps what this file writes to itself", async () => {
    const recorded = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));

    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
    );
    expect(tables.map((t) => t.name)).toContain("User");
    // Empty but for the reference data the migrations insert (Morocco's regions).
    const referenceData = new Set(["Region"]);
    for (const { name } of tables) {
      const [{ n }] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM "${name}"`);
      if (referenceData.has(name)) expect(Number(n), `rows in ${name}`).toBeGreaterThan(0);
      else expect(Number(n), `rows in ${name}`).toBe(0);
    }

    await db.user.create({ data: { email: "isolation@example.org", name: "Isolation" } });
    expect(await db.user.count()).toBe(1);
  });
}
