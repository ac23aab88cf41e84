import type { Locale } from "~/i18n/locales";

/**
 * Shapes shared by the build (app/catalog/build.server.ts), the runtime loader
 * and the pages. Nothing here may import server-only code: lesson pages use
 * these types in the browser bundle.
 */
export type LocalizedText = Partial<Record<Locale, string>>;

export type LessonDefinition = { id: string; title: LocalizedText };
export type ModuleDefinition = { id: string; title: LocalizedText; lessons: LessonDefinition[] };

/** A quiz the completion rule requires to be passed, optionally with a higher score than the quiz's own passing score. */
export type QuizRequirementDefinition = { id: string; minScore?: number };

/** What a course must achieve to count as completed (course.yml → completion). */
export type CompletionRuleDefinition = {
  /** "all", or the ids of the lessons that must be completed. */
  lessons: "all" | string[];
  /** Quizzes to pass (none when absent). */
  quizzes?: QuizRequirementDefinition[];
  /** Ids of the assignments that must be accepted by a reviewer (none when absent). */
  assignments?: string[];
  /** Ids of the lessons showing a SCORM package that the package must report done in (none when absent). */
  scorm?: string[];
};

/** Where an interactive part sits in a course: found by the build, one entry per island whatever the languages. */
export type IslandPlacement = { kind: string; id: string; lessonId: string };

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
  /** Months a completion stays current (refresher training); null: it never expires. */
  validityMonths: number | null;
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A lesson as it reaches the browser: static HTML rendered at build time,
 * interleaved with interactive "islands" (quizzes, assignments, later SCORM
 * players: the content kinds of content-kind.tsx) that the lesson page
 * renders as React components.
 */
export type Segment =
  | { type: "html"; html: string }
  | { type: "island"; kind: string; props: Record<string, JsonValue> };

export type LessonHeading = { level: 2 | 3; id: string; text: string };
