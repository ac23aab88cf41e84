import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { listCourseSlugs } from "~/catalog/course-schema.server";
import { makeCoursesDir } from "~/catalog/course-fixture.server";
import { checkCourses } from "./check.server";
import { readCourseOutline } from "./course-outline.server";
import { lessonFileProblems } from "./lesson-checks.server";
import { writeTestCourse } from "./test-course";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const library = new Map([
  ["c", new Set(["intro", "terms"])],
  ["other", new Set(["glossary"])],
]);

/** The problems of one lesson file, courses/c/lessons/intro.fr.mdx. */
function problemsOf(mdx: string, files: Record<string, string> = {}) {
  writeTestCourse(dirs.coursesDir, "c", { "lessons/intro.fr.mdx": mdx, ...files });
  return lessonFileProblems(dirs.coursesDir, "c", library);
}

const FILE = "courses/c/lessons/intro.fr.mdx";
const PNG = "\x89PNG\r\n\x1a\n";

describe("images", () => {
  test("markdown and <Image> images whose file exists and that have alt text pass", async () => {
    const mdx = '![Un schéma](images/a.png)\n\n<Image src="images/a.png" alt="Un schéma" caption="Légende" />\n\n<Image src="./images/a.png" alt="Un schéma" />\n';
    expect(await problemsOf(mdx, { "images/a.png": PNG })).toEqual([]);
  });

  test("a missing file and a missing alt text are reported on their lines", async () => {
    const mdx = "Texte.\n\n![](images/a.png)\n\n![Carte](images/missing.png)\n\n<Image src=\"images/a.png\" caption=\"Légende\" />\n\n<Image src=\"images/a.png\" alt=\" \" />\n";
    expect(await problemsOf(mdx, { "images/a.png": PNG })).toEqual([
      `${FILE}:3: image "images/a.png" has no alt text: write what it shows between the brackets, ![what the image shows](images/a.png)`,
      `${FILE}:5: image "images/missing.png": no such file in the course folder (expected courses/c/images/missing.png)`,
      `${FILE}:7: <Image> has no alt text: write what the image shows, alt="…" (screen readers read it out; it is needed in every language)`,
      `${FILE}:9: <Image> has no alt text: write what the image shows, alt="…" (screen readers read it out; it is needed in every language)`,
    ]);
  });

  test("web addresses and paths outside the course folder are refused; <Video> files are checked too", async () => {
    const mdx =
      '<Image src="https://example.org/a.png" alt="A" />\n\n<Image src="../other/images/a.png" alt="A" />\n\n<Video src="media/v.mp4" captions="media/v.vtt" title="T">Transcript.</Video>\n';
    const problems = await problemsOf(mdx, { "media/v.mp4": "x" });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(new RegExp(`^${FILE}:1: <Image> src: "https://example.org/a.png" is a web address`));
    expect(problems[1]).toBe(`${FILE}:3: <Image> src: "../other/images/a.png": write a path inside the course folder, such as images/diagram.png`);
    expect(problems[2]).toBe(`${FILE}:5: <Video> captions: "media/v.vtt": no such file in the course folder (expected courses/c/media/v.vtt)`);
  });

  test("every language's lesson is checked on its own", async () => {
    writeTestCourse(dirs.coursesDir, "c", {
      "images/a.png": PNG,
      "lessons/intro.fr.mdx": '<Image src="images/a.png" alt="Un schéma" />\n',
      "lessons/intro.ar.mdx": '<Image src="images/a.png" alt="" />\n',
    });
    expect(await lessonFileProblems(dirs.coursesDir, "c", library)).toEqual([
      'courses/c/lessons/intro.ar.mdx:1: <Image> has no alt text: write what the image shows, alt="…" (screen readers read it out; it is needed in every language)',
    ]);
  });
});

describe("links between lessons", () => {
  test("./lesson-id, lesson-id, ../course/lesson-id, ../course and web links pass", async () => {
    const mdx =
      "Voir [le vocabulaire](./terms), [encore](terms#mots), [le glossaire](../other/glossary), [l'autre cours](../other), [un site](https://example.org), [plus bas](#bas) et [ref][r].\n\n[r]: ./intro\n";
    expect(await problemsOf(mdx)).toEqual([]);
  });

  test("unknown lessons and courses, and links to a lesson's file, are reported on their lines", async () => {
    const mdx = "[a](./glossary)\n\n[b](../other/nope)\n\n[c](../nowhere/intro)\n\n[d](./terms.fr.mdx)\n\n[e](lessons/terms)\n\n[f][r]\n\n[r]: ./missing\n";
    expect(await problemsOf(mdx)).toEqual([
      `${FILE}:1: link "./glossary": this course has no lesson "glossary" (lesson ids are listed in course.yml)`,
      `${FILE}:3: link "../other/nope": the course "other" has no lesson "nope"`,
      `${FILE}:5: link "../nowhere/intro": there is no course "nowhere" in courses/`,
      `${FILE}:7: link "./terms.fr.mdx": link to the lesson, not its file: [text](./terms)`,
      `${FILE}:9: link "lessons/terms": link to a lesson by its id, [text](./lesson-id), or to another course's lesson, [text](../course-slug/lesson-id)`,
      `${FILE}:13: link "./missing": this course has no lesson "missing" (lesson ids are listed in course.yml)`,
    ]);
  });
});

describe("raw HTML", () => {
  test("lowercase HTML tags, dir= and style= are refused with what to write instead", async () => {
    const mdx =
      'Texte <span dir="rtl">mot</span>.\n\n<div>\nBloc\n</div>\n\n<Callout style={{ color: "red" }}>Attention</Callout>\n\n<table><tbody><tr><td>1</td></tr></tbody></table>\n\n<font color="red">rouge</font>\n';
    expect(await problemsOf(mdx)).toEqual([
      `${FILE}:1: <span> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write Markdown (**bold**, *italics*); the page sets the direction of each language itself`,
      `${FILE}:1: <span> has dir=: remove it; the page sets the direction of each language itself (Arabic right to left)`,
      `${FILE}:3: <div> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write Markdown paragraphs, or a <Callout> for a highlighted box`,
      `${FILE}:7: <Callout> has style=: remove it; inline styles fix left and right for one language and ignore phone screens (use a <Callout> to make a passage stand out)`,
      `${FILE}:9: <table> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write a Markdown table (| a | b | lines); it scrolls on phones and follows the page's direction`,
      `${FILE}:9: <tbody> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write Markdown, or one of the components (<Callout>, <Image>, <Video>, <Quiz>, <Assignment>)`,
      `${FILE}:9: <tr> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write a Markdown table (| a | b | lines)`,
      `${FILE}:9: <td> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write a Markdown table (| a | b | lines)`,
      `${FILE}:11: <font> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): write **bold** or *italics*; the page chooses fonts and colours`,
    ]);
  });

  test("an unclosed <br> (which MDX cannot parse) is still explained, and code is not mistaken for HTML", async () => {
    const mdx = "Ligne<br>suivante.\n\nÉcrire `<div>` en code.\n\n```\n<span>exemple</span>\n```\n";
    expect(await problemsOf(mdx)).toEqual([
      `${FILE}:1: <br> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): leave an empty line to start a new paragraph`,
    ]);
    const { problems } = await checkCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir });
    // The build's own message about the MDX comes with it.
    expect(problems.filter((p) => p.startsWith(`${FILE}:`))).toHaveLength(2);
  });
});

test("the lessons of the library as it is pass these checks", async () => {
  const coursesDir = path.resolve("courses");
  const slugs = await listCourseSlugs(coursesDir);
  expect(slugs.length).toBeGreaterThan(0);
  const outlines = await Promise.all(slugs.map((slug) => readCourseOutline(coursesDir, slug)));
  const all = new Map(outlines.map((o) => [o.slug, new Set(o.lessonIds)]));
  for (const slug of slugs) {
    expect(fs.existsSync(path.join(coursesDir, slug, "lessons"))).toBe(true);
    expect(await lessonFileProblems(coursesDir, slug, all)).toEqual([]);
  }
});
