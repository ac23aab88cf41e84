import { describe, expect, it } from "vitest";
import { getCatalog } from "~/catalog/catalog.server";
import { adminOverview, SHORT_VERSION_LENGTH } from "./admin-overview.server";
import { completionFor, createUser } from "../../tests/setup/db-fixtures";

// The repository's own courses, built once per run (tests/setup/vitest.global.ts).
describe("the admin overview of courses", () => {
  it("shows each course's current version, short, and counts the completions made on earlier versions", async () => {
    const [course, another] = (await getCatalog()).courses;
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    await completionFor(a.id, course.id, new Date("2026-01-10T10:00:00Z"), "0123456789abcdef-an-older-version");
    await completionFor(b.id, course.id, new Date("2026-02-10T10:00:00Z"), "fedcba9876543210-another-one");
    await completionFor(c.id, course.id, new Date("2026-03-10T10:00:00Z"), course.version);

    const { courses } = await adminOverview(1, "fr");
    const row = courses.find((r) => r.slug === course.slug)!;
    expect(row.version).toBe(course.version.slice(0, SHORT_VERSION_LENGTH));
    expect(row.version).toMatch(/^[0-9a-f]{8}$/);
    expect(row.completed).toBe(3);
    expect(row.onEarlierVersions).toBe(2);
    const other = courses.find((r) => r.slug === another.slug)!;
    expect(other.onEarlierVersions).toBe(0);
  });
});
