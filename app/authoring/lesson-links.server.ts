import { lineOf, type MdxNode, walk } from "./mdx-tree.server";

/**
 * Links between lessons. A lesson's address is /courses/<slug>/<lesson-id>,
 * so `[text](./lesson-id)` (or `lesson-id`) reaches a lesson of the same
 * course, `../other-course/lesson-id` a lesson of another course and
 * `../other-course` that course's page. Each must name a lesson or course
 * that exists; web addresses and #anchors are not checked.
 */
export type LibraryOutline = ReadonlyMap<string, ReadonlySet<string>>;

type Context = { file: string; slug: string; library: LibraryOutline };

const ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
const SAME_COURSE = new RegExp(`^(?:\\./)?(${ID})$`);
const OTHER_COURSE = new RegExp(`^(?:\\.\\./|/courses/)(${ID})(?:/(${ID}))?$`);
const LESSON_FILE = new RegExp(`(?:^|/)(${ID})\\.[a-z]{2}\\.mdx$`);
const HOW = "link to a lesson by its id, [text](./lesson-id), or to another course's lesson, [text](../course-slug/lesson-id)";

function linkProblem(url: string, { slug, library }: Context): string | null {
  if (!url || url.startsWith("#") || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return null;
  const target = url.replace(/[?#].*$/, "");
  const same = SAME_COURSE.exec(target);
  if (same) {
    return library.get(slug)?.has(same[1]) ? null : `link "${url}": this course has no lesson "${same[1]}" (lesson ids are listed in course.yml)`;
  }
  const other = OTHER_COURSE.exec(target);
  if (other) {
    const [, course, lesson] = other;
    const lessons = library.get(course);
    if (!lessons) return `link "${url}": there is no course "${course}" in courses/`;
    if (lesson && !lessons.has(lesson)) return `link "${url}": the course "${course}" has no lesson "${lesson}"`;
    return null;
  }
  const lessonFile = LESSON_FILE.exec(target);
  if (lessonFile) return `link "${url}": link to the lesson, not its file: [text](./${lessonFile[1]})`;
  return `link "${url}": ${HOW}`;
}

export function linkProblems(tree: MdxNode, context: Context): string[] {
  const out: string[] = [];
  for (const node of walk(tree)) {
    if (node.type !== "link" && node.type !== "definition") continue;
    const problem = linkProblem(node.url ?? "", context);
    if (problem) out.push(`${context.file}:${lineOf(node)}: ${problem}`);
  }
  return out;
}
