import { type CatalogCourse, getLessonContent } from "./catalog.server";
import { lessonsInOrder } from "./outline";
import type { Locale } from "~/i18n/locales";

const holders = new Map<string, string | null>();

/**
 * The first lesson whose content shows the island `<Kind id="…" />` in
 * `lang` (a quiz, an assignment), or null; remembered per course version.
 */
export async function lessonShowingIsland(course: CatalogCourse, kind: string, id: string, lang: Locale): Promise<string | null> {
  const memoKey = `${course.slug}\0${course.version}\0${kind}\0${id}`;
  if (holders.has(memoKey)) return holders.get(memoKey)!;
  let found: string | null = null;
  for (const lesson of lessonsInOrder(course.definition)) {
    const content = await getLessonContent(course, lesson.id, lang);
    if (content.segments.some((s) => s.type === "island" && s.kind === kind && s.props.id === id)) {
      found = lesson.id;
      break;
    }
  }
  holders.set(memoKey, found);
  return found;
}
