import type { Locale } from "~/i18n/locales";

/**
 * Shapes shared by the build (app/catalog/build.server.ts), the runtime loader
 * and the pages. Nothing here may import server-only code: lesson pages use
 * these types in the browser bundle.
 */
export type LocalizedText = Partial<Record<Locale, string>>;

export type LessonDefinition = { id: string; title: LocalizedText };
export type ModuleDefinition = { id: string; title: LocalizedText; lessons: LessonDefinition[] };

/** What a course must achieve to count as completed (issue 3 adds quizzes and assignments). */
export type CompletionRuleDefinition = {
  /** "all", or the ids of the lessons that must be completed. */
  lessons: "all" | string[];
};

/** A validated courses/<slug>/course.yml. */
export type CourseDefinition = {
  slug: string;
  languages: Locale[];
  title: LocalizedText;
  summary: LocalizedText;
  audience: LocalizedText;
  hours: number;
  modules: ModuleDefinition[];
  completion: CompletionRuleDefinition;
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A lesson as it reaches the browser: static HTML rendered at build time,
 * interleaved with interactive "islands" (quizzes now; assignments and SCORM
 * players later) that the lesson page renders as React components.
 */
export type Segment =
  | { type: "html"; html: string }
  | { type: "island"; kind: string; props: Record<string, JsonValue> };

export type LessonHeading = { level: 2 | 3; id: string; text: string };
