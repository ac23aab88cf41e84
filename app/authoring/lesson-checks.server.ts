import fs from "node:fs/promises";
import path from "node:path";
import { displayPath, LESSONS_DIR } from "~/catalog/course-schema.server";
import { rawHtmlProblems, rawHtmlProblemsInText } from "./lesson-html.server";
import { type LibraryOutline, linkProblems } from "./lesson-links.server";
import { mediaProblems } from "./lesson-media.server";
import { parseLesson } from "./mdx-tree.server";

/**
 * What the check reads in every lesson file beyond what the build compiles:
 * raw HTML, images and media files, links between lessons. Every .mdx file
 * of lessons/ is read, listed in course.yml or not.
 */
export async function lessonFileProblems(coursesDir: string, slug: string, library: LibraryOutline): Promise<string[]> {
  const dir = path.join(coursesDir, slug, LESSONS_DIR);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".mdx") && !n.startsWith(".")).sort();
  const out: string[] = [];
  for (const name of names) {
    const file = displayPath(coursesDir, slug, LESSONS_DIR, name);
    const source = await fs.readFile(path.join(dir, name), "utf8");
    const tree = parseLesson(source);
    // The build reports why the MDX does not parse; raw HTML is often the reason, so say that too.
    if (!tree) {
      out.push(...rawHtmlProblemsInText(source, file));
      continue;
    }
    out.push(
      ...rawHtmlProblems(tree, file),
      ...mediaProblems(tree, { courseDir: path.join(coursesDir, slug), file }),
      ...linkProblems(tree, { file, slug, library }),
    );
  }
  return out;
}
