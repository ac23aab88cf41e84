/** The sample course as its course.yml describes it, so specs follow the content instead of restating it. */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Locale } from "../../app/i18n/locales";
import { ROOT, SAMPLE_COURSE } from "./e2e-env";

type Localized = Record<Locale, string>;
type CourseYml = {
  title: Localized;
  modules: { id: string; title: Localized; lessons: { id: string; title: Localized }[] }[];
};

export function sampleCourse() {
  const file = path.join(ROOT, "courses", SAMPLE_COURSE, "course.yml");
  const course = parse(fs.readFileSync(file, "utf8")) as CourseYml;
  const lessons = course.modules.flatMap((m) => m.lessons);
  return {
    slug: SAMPLE_COURSE,
    title: course.title,
    lessons,
    url: `/courses/${SAMPLE_COURSE}`,
    lessonUrl: (lessonId: string) => `/courses/${SAMPLE_COURSE}/${lessonId}`,
  };
}
