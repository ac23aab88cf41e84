import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildKindEntries, type PlacedIsland } from "~/catalog/content-kind.server";
import type { CourseDefinition } from "~/catalog/types";
import { env } from "~/config/env.server";
import { contentPipeline } from "~/content-kinds.server";
import { storePackage } from "./unpack.server";
import { makeZip, scorm12Manifest, scorm12Package } from "./test-zip";
import { scormKindServer, type ScormEntry } from "./scorm-kind.server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-scorm-kind-"));
const store = path.join(tmp, "store");
const coursesDir = path.join(tmp, "courses");
const previousStore = env.SCORM_DIR;
// The kind reads SCORM_DIR as the build does: this file's own store.
Object.assign(env, { SCORM_DIR: store });
afterAll(() => {
  Object.assign(env, { SCORM_DIR: previousStore });
  fs.rmSync(tmp, { recursive: true, force: true });
});

const course = {
  slug: "traite",
  languages: ["fr", "ar"],
  modules: [{ id: "m", title: { fr: "M", ar: "م" }, lessons: [{ id: "signs", title: { fr: "L", ar: "د" } }, { id: "other", title: { fr: "L", ar: "د" } }] }],
} as unknown as CourseDefinition;

async function stored(bytes: Buffer): Promise<string> {
  const zip = path.join(tmp, `p-${Math.random().toString(36).slice(2)}.zip`);
  fs.writeFileSync(zip, bytes);
  const result = await storePackage(zip, { storeDir: store });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.key;
}

function writeEntry(slug: string, id: string, yaml: string): string {
  const dir = path.join(coursesDir, slug, "scorm");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${id}.yml`), yaml);
  return path.join(coursesDir, slug);
}

const island = (lessonId: string, lang: string, id: string): PlacedIsland => ({ kind: "scorm", lessonId, lang, props: { id } });
const both = (lessonId: string, id: string) => ["fr", "ar"].map((lang) => island(lessonId, lang, id));

const MULTI_SCO = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="multi" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o">
    <organization identifier="o">
      <title>Deux modules</title>
      <item identifier="chapter"><title>Chapitre</title>
        <item identifier="a" identifierref="ra" parameters="?part=1"><title>Partie A</title></item>
        <item identifier="b" identifierref="rb" isvisible="false"><title>Partie B</title></item>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="ra" type="webcontent" adlcp:scormType="sco" href="a/index.html"><file href="a/index.html"/></resource>
    <resource identifier="rb" type="webcontent" adlcp:scormType="asset" href="b/index.html"><file href="b/index.html"/></resource>
  </resources>
</manifest>`;

describe("<Scorm /> in a lesson", () => {
  it("needs an id and nothing else", () => {
    const file = "courses/traite/lessons/signs.fr.mdx";
    const validate = scormKindServer.validateIsland!;
    expect(validate({ courseDir: "", course, lessonId: "signs", lang: "fr", file, props: { id: "signs" } })).toEqual([]);
    expect(validate({ courseDir: "", course, lessonId: "signs", lang: "fr", file, props: { src: "x" } })).toEqual([
      `${file}: <Scorm> needs an id naming a file in scorm/: <Scorm id="signs-of-trafficking" />`,
      `${file}: <Scorm> has no "src" prop (only id)`,
    ]);
  });

  it("is registered with the platform's content kinds", () => {
    expect(contentPipeline.kinds.map((k) => k.name)).toContain("scorm");
  });
});

describe("a course's SCORM files", () => {
  it("write the stored package's manifest into the course document", async () => {
    const sha256 = await stored(scorm12Package());
    const courseDir = writeEntry("traite", "signs", `# A SCORM package stored by /admin/scorm (SCORM_DIR/<sha256>/)\nsha256: ${sha256}\n`);
    const built = await buildKindEntries(scormKindServer, { courseDir, course, islands: both("signs", "signs") });
    expect(built.errors).toEqual([]);
    const entry = built.entries!.signs as unknown as ScormEntry;
    expect(entry).toEqual({
      sha256,
      version: "1.2",
      edition: null,
      title: "Repérer les signes de la traite",
      items: [
        {
          identifier: "item1",
          title: "Module 1",
          depth: 0,
          visible: true,
          scormType: "sco",
          launch: "index.html",
          masteryScore: 80,
          scaledPassingScore: null,
          completionThreshold: null,
          launchData: "mode=formation",
        },
      ],
    });
  });

  it("list every launchable item of a multi-SCO 2004 package, nested and hidden ones too, with their parameters", async () => {
    const sha256 = await stored(
      makeZip([
        { name: "imsmanifest.xml", data: MULTI_SCO },
        { name: "a/index.html", data: "<!doctype html><title>A</title>" },
        { name: "b/index.html", data: "<!doctype html><title>B</title>" },
      ]),
    );
    const courseDir = writeEntry("multi", "two", `sha256: ${sha256}\n`);
    const built = await buildKindEntries(scormKindServer, { courseDir, course, islands: both("signs", "two") });
    expect(built.errors).toEqual([]);
    const entry = built.entries!.two as unknown as ScormEntry;
    expect(entry.version).toBe("2004");
    expect(entry.edition).toBe(4);
    expect(entry.items.map((i) => [i.identifier, i.depth, i.visible, i.launch, i.scormType])).toEqual([
      ["a", 1, true, "a/index.html?part=1", "sco"],
      ["b", 1, false, "b/index.html", "asset"],
    ]);
  });

  it("name the file and line of a malformed or unknown field, and of a package that is not stored", async () => {
    const bad = writeEntry("bad", "x", "# comment\nsha256: ABC\nsrc: y\n");
    expect((await buildKindEntries(scormKindServer, { courseDir: bad, course, islands: [] })).errors).toEqual([
      "courses/bad/scorm/x.yml:3: src: unknown field (only sha256)",
      "courses/bad/scorm/x.yml:2: sha256: expected 64 lowercase hexadecimal characters (the package's SHA-256, as /admin/scorm shows it)",
    ]);
    const missing = writeEntry("missing", "x", `sha256: ${"a".repeat(64)}\n`);
    expect((await buildKindEntries(scormKindServer, { courseDir: missing, course, islands: [] })).errors).toEqual([
      `courses/missing/scorm/x.yml:1: no SCORM package ${"a".repeat(64)} is stored (import it at /admin/scorm, or check SCORM_DIR)`,
    ]);
    const empty = writeEntry("empty", "x", "title: hello\n");
    expect((await buildKindEntries(scormKindServer, { courseDir: empty, course, islands: [] })).errors).toEqual([
      "courses/empty/scorm/x.yml:1: title: unknown field (only sha256)",
      "courses/empty/scorm/x.yml: sha256: Required (the package's SHA-256, as /admin/scorm shows it)",
    ]);
    const syntax = writeEntry("syntax", "x", "sha256: [\n");
    expect((await buildKindEntries(scormKindServer, { courseDir: syntax, course, islands: [] })).errors[0]).toMatch(/^courses\/syntax\/scorm\/x\.yml: YAML syntax error at line/);
  });

  it("place each package in one lesson, in every language", async () => {
    const sha256 = await stored(scorm12Package([], scorm12Manifest({ title: "Placement" })));
    const courseDir = writeEntry("placed", "pkg", `sha256: ${sha256}\n`);
    const check = async (islands: PlacedIsland[]) => (await buildKindEntries(scormKindServer, { courseDir, course, islands })).errors;
    expect(await check([island("signs", "fr", "pkg")])).toEqual([
      'courses/traite/lessons/signs.ar.mdx: <Scorm id="pkg" /> is missing (the other languages of this lesson have it)',
    ]);
    expect(await check([])).toEqual(['courses/placed/scorm/pkg.yml: no lesson shows it (add <Scorm id="pkg" /> to a lesson, or remove the file)']);
    expect(await check([...both("signs", "pkg"), ...both("other", "pkg")])).toEqual([
      "courses/placed/scorm/pkg.yml: shown by several lessons (signs, other); a SCORM package belongs to one lesson",
    ]);
    expect(await check([...both("signs", "pkg"), island("other", "fr", "nope")])).toEqual([
      'courses/traite/lessons/other.fr.mdx: <Scorm id="nope" />: there is no courses/placed/scorm/nope.yml',
    ]);
  });
});
