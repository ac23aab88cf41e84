import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildCourses } from "~/catalog/build.server";
import { contentPipeline } from "~/content-kinds.server";
import { launchFiles } from "../manifest.server";
import { storePackage } from "../unpack.server";
import { ExportError, exportCourse } from "./export-course.server";

// A cache of our own, built from the real library, so the test never depends on a previous `npm run courses:build`.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "scorm-export-"));
const cacheDir = path.join(work, "cache");
const SLUGS = fs.readdirSync(path.resolve("courses")).filter((name) => fs.existsSync(path.resolve("courses", name, "course.yml")));

beforeAll(async () => {
  const summary = await buildCourses({ coursesDir: path.resolve("courses"), cacheDir, pipeline: contentPipeline });
  expect(summary.failures).toEqual([]);
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("exported courses pass Tadrib's own SCORM import checks", () => {
  test("the library has its four courses", () => expect(SLUGS).toHaveLength(4));

  for (const slug of SLUGS) {
    for (const lang of ["fr", "ar"] as const) {
      test(`${slug} in ${lang}`, async () => {
        const { zip, summary } = await exportCourse({ cacheDir, slug, lang });
        const file = path.join(work, `${slug}.${lang}.zip`);
        fs.writeFileSync(file, zip);
        const stored = await storePackage(file, { storeDir: path.join(work, "store") });
        if (!stored.ok) throw new Error(JSON.stringify(stored.problems));
        expect(stored.manifest.version).toBe("1.2");
        const launches = launchFiles(stored.manifest);
        expect(launches).toEqual(["index.html"]);
        for (const launch of launches) expect(fs.existsSync(path.join(stored.dir, launch))).toBe(true);
        expect(summary.lessons).toBeGreaterThan(1);
        expect(summary.bytes).toBe(zip.length);

        const html = fs.readFileSync(path.join(stored.dir, "index.html"), "utf8");
        if (lang === "ar") expect(html).toContain('<html lang="ar" dir="rtl">');
        else expect(html).toContain('<html lang="fr" dir="ltr">');
        // Every lesson is a section reachable from the next/previous links, and no file is fetched from elsewhere.
        expect(html.match(/<section class="lesson"/g)).toHaveLength(summary.lessons);
        expect(html).not.toMatch(/(src|srcset|poster)="(https?:)?\/\/|<link[^>]+href="(https?:)?\/\//);
        for (const src of html.matchAll(/src="(media\/[^"]+)"/g)) expect(fs.existsSync(path.join(stored.dir, src[1]))).toBe(true);
      }, 30_000);
    }
  }

  test("the mastery score is the completion rule's quiz minimum score", async () => {
    const { zip } = await exportCourse({ cacheDir, slug: "fair-recruitment", lang: "fr" });
    const file = path.join(work, "mastery.zip");
    fs.writeFileSync(file, zip);
    const stored = await storePackage(file, { storeDir: path.join(work, "store") });
    if (!stored.ok) throw new Error("refused");
    expect(fs.readFileSync(path.join(stored.dir, "imsmanifest.xml"), "utf8")).toContain("<adlcp:masteryscore>70</adlcp:masteryscore>");
  });

  test("the same cache gives the same bytes", async () => {
    const a = await exportCourse({ cacheDir, slug: "migration-data", lang: "ar" });
    const b = await exportCourse({ cacheDir, slug: "migration-data", lang: "ar" });
    expect(Buffer.compare(a.zip, b.zip)).toBe(0);
  });
});

describe("refusals", () => {
  test("an unknown course", async () => {
    await expect(exportCourse({ cacheDir, slug: "nope", lang: "fr" })).rejects.toThrow(/No course "nope"/);
  });
  test("an unknown language", async () => {
    await expect(exportCourse({ cacheDir, slug: "migration-data", lang: "de" })).rejects.toBeInstanceOf(ExportError);
  });
  test("a missing cache", async () => {
    await expect(exportCourse({ cacheDir: path.join(work, "none"), slug: "migration-data", lang: "fr" })).rejects.toThrow(/courses:build/);
  });
});
