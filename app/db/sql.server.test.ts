import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { databasePath } from "~/config/env.server";
import { createDb, db } from "./client.server";
import { insertRows, newRowId, takeWriteLock } from "./sql.server";

/** The bulk-write helpers of imports: rows read back through Prisma exactly as Prisma writes them. */

describe("insertRows", () => {
  test("writes rows Prisma reads back as its own: dates, enums, nulls", async () => {
    const at = new Date("2026-03-01T09:30:00.123Z");
    const id = newRowId();
    expect(id).toMatch(/^c[0-9a-z]{24}$/);
    await insertRows(db, "User", ["id", "email", "phone", "name", "locale", "role", "createdAt", "updatedAt"], [[id, null, "+212600000001", "أمينة", "ar", "learner", at, at]]);
    const made = await db.user.create({ data: { name: "Prisma", createdAt: at, updatedAt: at } });
    const [bulk, prisma] = await Promise.all([db.user.findUniqueOrThrow({ where: { id } }), db.user.findUniqueOrThrow({ where: { id: made.id } })]);
    expect(bulk).toMatchObject({ email: null, phone: "+212600000001", name: "أمينة", locale: "ar", role: "learner", createdAt: at, updatedAt: at, deletedAt: null });
    // Stored as the same text, so comparisons in SQL order both alike.
    expect(await db.user.count({ where: { id: { in: [id, made.id] }, createdAt: { gte: at, lte: at } } })).toBe(2);
    expect(prisma.createdAt).toEqual(bulk.createdAt);
  });

  test("splits a large insert into statements under the parameter limit", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [newRowId(), `Bulk ${i}`, "fr", "learner", new Date(), new Date()]);
    await insertRows(db, "User", ["id", "name", "locale", "role", "createdAt", "updatedAt"], rows);
    expect(await db.user.count({ where: { name: { startsWith: "Bulk " } } })).toBe(3000);
  });

  test("with fillEmpty, fills only the columns still empty of an existing row", async () => {
    const user = await db.user.create({ data: { name: "Houda" } });
    await db.profile.create({ data: { userId: user.id, sex: "woman" } });
    await insertRows(db, "Profile", ["userId", "sex", "city", "updatedAt"], [[user.id, "man", "Tanger", new Date()]], {
      conflictKey: "userId",
      fillEmpty: ["sex", "city"],
      alwaysSet: ["updatedAt"],
    });
    expect(await db.profile.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ sex: "woman", city: "Tanger" });
  });

  test("refuses names that are not plain identifiers", async () => {
    await expect(insertRows(db, 'User"; DROP TABLE "User', ["id"], [["x"]])).rejects.toThrow("Not an SQL identifier");
  });
});

describe("takeWriteLock", () => {
  test("makes the transaction the writer at once: another connection cannot write until it ends", async () => {
    const own = createDb();
    const other = new Database(databasePath(), { timeout: 0 });
    try {
      await own.$transaction(async (tx) => {
        await takeWriteLock(tx);
        expect(() => other.prepare(`UPDATE "Region" SET "position" = "position" WHERE "id" = 'MA-01'`).run()).toThrow(/locked|busy/i);
      });
      expect(other.prepare(`UPDATE "Region" SET "position" = "position" WHERE "id" = 'MA-01'`).run().changes).toBe(1);
    } finally {
      other.close();
      await own.$disconnect();
    }
  });
});
