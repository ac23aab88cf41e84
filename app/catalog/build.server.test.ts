import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses, courseVersion } from "./build.server";
import { type Manifest, manifestPath, readLessonEntry } from "./cache.server";
import { compileLesson, LessonBuildError } from "./compile-lesson.server";
import type { ContentKindServer, ContentPipeline } from "./content-kind.server";
import { courseYml, makeCoursesDir, writeCourse } from "./course-fixture.server";
import { courseDocument, documentEntry, documentPath } from "./documents.server";
import { renderLesson } from "./render-lesson.server";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

async function render(mdx: string, file = "courses/x/lessons/l.fr.mdx") {
  return renderLesson(await compileLesson(mdx, file), file, { islands: { Quiz: "quiz" } });
}

const NO_KINDS: ContentPipeline = { kinds: [], checks: [] };
const build = (pipeline = NO_KINDS) => buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline });
const readManifest = () => JSON.parse(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")) as Manifest;

describe("rendering a lesson to segments", () => {
  test("a <Quiz /> between two paragraphs splits the lesson into html, island, html", async () => {
    const { segments } = await render('First paragraph.\n\n<Quiz id="q1" />\n\nSecond *paragraph*.\n');
    expect(segments).toEqual([
      { type: "html", html: "<p>First paragraph.</p>" },
      { type: "island", kind: "quiz", props: { id: "q1" } },
      { type: "html", html: "<p>Second <em>paragraph</em>.</p>" },
    ]);
  });

  test("island props are kept as JSON, and a lesson may start or end with an island", async () => {
    const { segments } = await render('<Quiz id="a" attempts={3} tags={["x", "y"]} />\n\nText.\n\n<Quiz id="b" />\n');
    expect(segments).toEqual([
      { type: "island", kind: "quiz", props: { id: "a", attempts: 3, tags: ["x", "y"] } },
      { type: "html", html: "<p>Text.</p>" },
      { type: "island", kind: "quiz", props: { id: "b" } },
    ]);
  });

  test("an island inside another element is refused, naming the file", async () => {
    await expect(render('<Callout>\nRead this.\n\n<Quiz id="q1" />\n</Callout>\n')).rejects.toThrow(
      /^courses\/x\/lessons\/l\.fr\.mdx: <Quiz> must stand on its own line at the top level/,
    );
  });

  test("Callouts become <aside class=callout>, tables scroll in their own box, headings get ids for the table of contents", async () => {
    const { segments, headings } = await render(
      '## Qu\'est-ce que la traite ?\n\n<Callout type="warning" title="Attention">Un **seul** indicateur ne suffit pas.</Callout>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n### Détails\n\n## Qu\'est-ce que la traite ?\n',
    );
    expect(segments).toHaveLength(1);
    const html = segments[0].type === "html" ? segments[0].html : "";
    expect(html).toContain('<h2 id="qu-est-ce-que-la-traite">');
    expect(html).toContain(
      '<aside class="callout callout-warning"><p class="callout-title">Attention</p>Un <strong>seul</strong> indicateur ne suffit pas.</aside>',
    );
    expect(html).toContain('<div class="table-wrap" tabindex="0"><table><thead>');
    expect(headings).toEqual([
      { level: 2, id: "qu-est-ce-que-la-traite", text: "Qu'est-ce que la traite ?" },
      { level: 3, id: "details", text: "Détails" },
      { level: 2, id: "qu-est-ce-que-la-traite-2", text: "Qu'est-ce que la traite ?" },
    ]);
  });

  test("a level-1 heading, an unknown Callout type and an undefined component are errors naming the file", async () => {
    await expect(render("# Title\n")).rejects.toThrow(/^courses\/x\/lessons\/l\.fr\.mdx: use ## \(h2\)/);
    await expect(render('<Callout type="danger">x</Callout>\n')).rejects.toThrow(/type must be one of note, warning, tip/);
    await expect(render("<Unknown />\n")).rejects.toThrow(/^courses\/x\/lessons\/l\.fr\.mdx: .*Unknown/);
  });

  test("an MDX syntax error names the file and the line", async () => {
    const error = await compileLesson("Fine.\n\nStill fine.\n\n<Callout>\nnever closed\n", "courses/x/lessons/l.fr.mdx").catch((e) => e);
    expect(error).toBeInstanceOf(LessonBuildError);
    expect(error.message).toMatch(/^courses\/x\/lessons\/l\.fr\.mdx:5(:\d+)?: .*closing tag/);
  });
});

describe("npm run courses:build", () => {
  test("writes a manifest with the validated course, its version and a cache key per lesson and language", async () => {
    writeCourse(dirs.coursesDir, "sample");
    const summary = await build();
    expect(summary).toMatchObject({ courses: 1, lessons: 6, compiled: 6, cacheHits: 0, failures: [] });
    const manifest = readManifest();
    expect(manifest.courses).toHaveLength(1);
    const [course] = manifest.courses;
    expect(course.slug).toBe("sample");
    expect(course.definition.title.en).toBe("Test course");
    expect(course.version).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(course.lessons)).toEqual(["intro", "terms", "cases"]);
    const entry = await readLessonEntry(dirs.cacheDir, course.lessons.terms.en!);
    expect(entry?.file).toBe("courses/sample/lessons/terms.en.mdx");
    expect(entry?.segments).toEqual([
      { type: "html", html: '<h2 id="terms-en">terms (en)</h2>\n<p>Some text for terms in en.</p>' },
    ]);
  });

  test("an unchanged source is not recompiled; changing one file recompiles exactly that one", async () => {
    writeCourse(dirs.coursesDir, "sample");
    expect((await build()).compiled).toBe(6);

    const second = await build();
    expect(second).toMatchObject({ compiled: 0, cacheHits: 6, failures: [] });

    const file = path.join(dirs.coursesDir, "sample", "lessons", "intro.fr.mdx");
    fs.appendFileSync(file, "\nOne more sentence.\n");
    const third = await build();
    expect(third).toMatchObject({ compiled: 1, cacheHits: 5, failures: [] });
    const entry = await readLessonEntry(dirs.cacheDir, readManifest().courses[0].lessons.intro.fr!);
    expect(JSON.stringify(entry?.segments)).toContain("One more sentence.");
  });

  test("the course version changes when any of its sources changes, and only then", async () => {
    const dir = writeCourse(dirs.coursesDir, "sample");
    const v1 = await courseVersion(dir);
    expect(await courseVersion(dir)).toBe(v1);
    fs.appendFileSync(path.join(dir, "lessons", "cases.en.mdx"), "\nEdited.\n");
    const v2 = await courseVersion(dir);
    expect(v2).not.toBe(v1);
    // Any file of the folder counts (quizzes, assignments, media…), not only course.yml and lessons.
    fs.mkdirSync(path.join(dir, "media"));
    fs.writeFileSync(path.join(dir, "media", "diagram.svg"), "<svg/>");
    expect(await courseVersion(dir)).not.toBe(v2);

    await build();
    expect(readManifest().courses[0].version).toBe(await courseVersion(dir));
  });

  test("an MDX error fails the build, names the file and line, and keeps the previous manifest", async () => {
    writeCourse(dirs.coursesDir, "sample");
    await build();
    const before = fs.readFileSync(manifestPath(dirs.cacheDir), "utf8");

    fs.writeFileSync(path.join(dirs.coursesDir, "sample", "lessons", "terms.fr.mdx"), "Intro.\n\n<Callout>\nnot closed\n");
    const summary = await build();
    expect(summary.failures).toEqual([expect.stringMatching(/^courses\/sample\/lessons\/terms\.fr\.mdx:3(:\d+)?: /)]);
    expect(summary.compiled).toBe(0);
    expect(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")).toBe(before);
  });

  test("an invalid course.yml fails the build with its messages; valid courses are still compiled", async () => {
    writeCourse(dirs.coursesDir, "good");
    writeCourse(dirs.coursesDir, "bad", courseYml({ hours: -1 }));
    const summary = await build();
    expect(summary.failures).toEqual(["courses/bad/course.yml: hours: must be more than 0"]);
    expect(summary.compiled).toBe(6);
    expect(fs.existsSync(manifestPath(dirs.cacheDir))).toBe(false);
  });

  test("course checks registered by other capabilities fail the build with their messages", async () => {
    writeCourse(dirs.coursesDir, "sample");
    const check = () => ["courses/sample/quizzes/check.yml: questions[0].prompt.fr: Required"];
    const summary = await build({ kinds: [], checks: [check] });
    expect(summary.failures).toEqual(["courses/sample/quizzes/check.yml: questions[0].prompt.fr: Required"]);
  });
});

/**
 * A kind the catalogue has never heard of, declared the way quizzes and
 * assignments declare theirs: a <Poll id="…" /> backed by polls/<id>.txt.
 */
const pollKind: ContentKindServer = {
  name: "poll",
  component: "Poll",
  validateIsland: ({ props, file }) => (typeof props.id === "string" ? [] : [`${file}: <Poll> needs an id`]),
  async buildEntries({ courseDir }) {
    const dir = path.join(courseDir, "polls");
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    const bad = names.filter((n) => !n.endsWith(".txt"));
    if (bad.length) return { ok: false, errors: bad.map((n) => `${n}: not a poll`) };
    return { ok: true, entries: Object.fromEntries(names.map((n) => [n.slice(0, -4), { question: fs.readFileSync(path.join(dir, n), "utf8") }])) };
  },
  placement: { fileOf: (courseDir, id) => `courses/${path.basename(courseDir)}/polls/${id}.txt`, verb: "shows", participle: "shown", one: "a poll" },
};

describe("content kinds in the build", () => {
  function writePollCourse() {
    const dir = writeCourse(dirs.coursesDir, "sample");
    fs.mkdirSync(path.join(dir, "polls"));
    fs.writeFileSync(path.join(dir, "polls", "mood.txt"), "How do you feel?");
    for (const lang of ["fr", "en"]) fs.writeFileSync(path.join(dir, "lessons", `cases.${lang}.mdx`), 'Text.\n\n<Poll id="mood" />\n');
    return dir;
  }

  test("a kind's entries go into the course document of the version, and its islands into the lessons and the manifest", async () => {
    const dir = writePollCourse();
    expect((await build({ kinds: [pollKind], checks: [] })).failures).toEqual([]);
    const [course] = readManifest().courses;
    expect(course.version).toBe(await courseVersion(dir));
    expect(course.islands).toEqual([{ kind: "poll", id: "mood", lessonId: "cases" }]);
    expect(fs.existsSync(documentPath(dirs.cacheDir, "sample", course.version))).toBe(true);
    expect(await documentEntry(course, "poll", "mood", dirs.cacheDir)).toEqual({ question: "How do you feel?" });
    expect(await documentEntry(course, "poll", "constructor", dirs.cacheDir)).toBeNull();
    expect(await documentEntry(course, "poll", "../manifest", dirs.cacheDir)).toBeNull();
    // Memoised per version: the same object, not read again.
    expect(await courseDocument(course, dirs.cacheDir)).toBe(await courseDocument(course, dirs.cacheDir));
    const entry = await readLessonEntry(dirs.cacheDir, course.lessons.cases.fr!);
    expect(entry?.segments).toContainEqual({ type: "island", kind: "poll", props: { id: "mood" } });
  });

  test("the kind's own errors and its placement errors fail the build; without the kind, <Poll> is an unknown component", async () => {
    const dir = writePollCourse();
    fs.writeFileSync(path.join(dir, "lessons", "cases.en.mdx"), "No poll here.\n");
    expect((await build({ kinds: [pollKind], checks: [] })).failures).toEqual([
      'courses/sample/lessons/cases.en.mdx: <Poll id="mood" /> is missing (the other languages of this lesson have it)',
    ]);
    fs.writeFileSync(path.join(dir, "polls", "notes.md"), "x");
    expect((await build({ kinds: [pollKind], checks: [() => ["never run"]] })).failures).toEqual(["notes.md: not a poll"]);
    const unknown = await build();
    expect(unknown.failures).toEqual([expect.stringMatching(/^courses\/sample\/lessons\/cases\.fr\.mdx: .*Poll/)]);
  });
});

describe("courses made from packages (PACKAGE_COURSES_DIR, decision 026)", () => {
  test("are built with the content repository's, and a slug in both folders is a build error that publishes nothing", async () => {
    const packageCoursesDir = path.join(dirs.root, "data", "courses");
    fs.mkdirSync(packageCoursesDir, { recursive: true });
    writeCourse(dirs.coursesDir, "sample");
    writeCourse(packageCoursesDir, "from-package");
    const both = () => buildCourses({ coursesDir: dirs.coursesDir, packageCoursesDir, cacheDir: dirs.cacheDir, pipeline: NO_KINDS });
    expect((await both()).failures).toEqual([]);
    expect(readManifest().courses.map((c) => c.slug)).toEqual(["from-package", "sample"]);

    const before = fs.readFileSync(manifestPath(dirs.cacheDir), "utf8");
    writeCourse(packageCoursesDir, "sample");
    const clash = await both();
    expect(clash.failures).toEqual([expect.stringMatching(/^courses\/sample: a course with this slug is already in courses\/sample/)]);
    expect(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")).toBe(before);
  });

  test("the server's rebuild reads only the package folder and carries the content repository's courses over from the manifest", async () => {
    const packageCoursesDir = path.join(dirs.root, "data", "courses");
    fs.mkdirSync(packageCoursesDir, { recursive: true });
    writeCourse(dirs.coursesDir, "sample");
    writeCourse(packageCoursesDir, "from-package");
    expect((await buildCourses({ coursesDir: dirs.coursesDir, packageCoursesDir, cacheDir: dirs.cacheDir, pipeline: NO_KINDS })).failures).toEqual([]);
    const library = readManifest().courses.find((c) => c.slug === "sample");
    expect(readManifest().courses.map((c) => [c.slug, c.origin])).toEqual([
      ["from-package", "package"],
      ["sample", undefined],
    ]);

    // As on a production server: the content repository is not there.
    fs.rmSync(dirs.coursesDir, { recursive: true });
    writeCourse(packageCoursesDir, "second-package");
    const rebuild = () => buildCourses({ coursesDir: dirs.coursesDir, packageCoursesDir, cacheDir: dirs.cacheDir, pipeline: NO_KINDS, libraryFromManifest: true });
    expect((await rebuild()).failures).toEqual([]);
    expect(readManifest().courses.map((c) => c.slug)).toEqual(["from-package", "sample", "second-package"]);
    expect(readManifest().courses.find((c) => c.slug === "sample")).toEqual(library);

    // A package course taking a carried course's slug publishes nothing.
    const before = fs.readFileSync(manifestPath(dirs.cacheDir), "utf8");
    writeCourse(packageCoursesDir, "sample");
    expect((await rebuild()).failures).toEqual([
      "courses/sample: a course with this slug is already in the content repository (slugs must be unique across both course folders)",
    ]);
    expect(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")).toBe(before);
  });
});
