import path from "node:path";
import type { Locale } from "~/i18n/locales";
import type { Enrolment } from "~/db/generated/client";
import type { CatalogCourse } from "./catalog.server";
import { displayPath, LESSONS_DIR, lessonFileName } from "./course-schema.server";
import type { CourseDefinition, JsonValue, Segment } from "./types";

/**
 * The server half of a kind of course content shown as a lesson island
 * (quizzes, assignments, later SCORM packages). Each capability declares its
 * kind once, beside its own code (app/learning/quiz/quiz-kind.server.ts…);
 * app/content-kinds.server.ts lists them and passes them to the build and to
 * the lesson page. The catalogue only runs what a kind declares: it knows no
 * format, and nothing in app/catalog/ imports a capability (an ESLint rule
 * says so).
 */
export type ContentKindServer = {
  /** The island's kind, as lesson segments and the client half name it: "quiz". */
  name: string;
  /** The MDX component authors write: "Quiz" for <Quiz id="…" />. */
  component: string;
  /** Checks the props of one island, in every lesson and language. */
  validateIsland?: IslandValidator;
  /** Reads and validates the kind's own files (e.g. quizzes/*.yml): the entries of the course document, by id. */
  buildEntries?: EntriesBuilder;
  /**
   * When every entry must be shown by exactly one lesson, in every language of
   * that lesson (attempts and submissions are per entry): how messages say it.
   */
  placement?: PlacementWords;
  /** Data the island needs for the learner, loaded with the lesson (so it renders complete without JavaScript). */
  loadIsland?: IslandLoader;
  /**
   * The island decides when its lesson is complete (a SCORM package, once every part of it is done):
   * the lesson has no "mark as complete" of its own, and a learner's request to mark it is refused.
   */
  completesLesson?: boolean;
  /** Minutes one island of this kind adds to its lesson's study time, given the kind's built entries. */
  studyMinutes?: (input: { props: Record<string, JsonValue>; entries: Record<string, JsonValue> }) => number;
};

export type IslandCheckInput = {
  /** Absolute path of courses/<slug>/. */
  courseDir: string;
  course: CourseDefinition;
  lessonId: string;
  lang: string;
  /** The lesson file as messages name it, e.g. courses/<slug>/lessons/intro.fr.mdx. */
  file: string;
  props: Record<string, JsonValue>;
};

export type PlacedIsland = { kind: string; lessonId: string; lang: string; props: Record<string, JsonValue> };

/** What a course check sees once the lessons are rendered and every kind's entries are built. */
export type CourseCheckInput = {
  courseDir: string;
  course: CourseDefinition;
  /** Every island used by the course's lessons, in every language. */
  islands: PlacedIsland[];
  /** Kind → id → entry, as they will be written in the course document. */
  entries: Record<string, Record<string, JsonValue>>;
};

/** Return messages (empty when valid); each names its file, as the build prints them as they are. */
export type IslandValidator = (input: IslandCheckInput) => string[] | Promise<string[]>;
export type CourseCheck = (input: CourseCheckInput) => string[] | Promise<string[]>;

export type EntriesBuilder = (input: {
  courseDir: string;
  course: CourseDefinition;
}) => Promise<{ ok: true; entries: Record<string, JsonValue> } | { ok: false; errors: string[] }>;

export type PlacementWords = {
  /** The file of an id as messages name it: courses/<slug>/quizzes/<id>.yml. */
  fileOf: (courseDir: string, id: string) => string;
  /** { verb: "shows", participle: "shown", one: "a quiz" } */
  verb: string;
  participle: string;
  one: string;
};

export type IslandLoaderInput = {
  course: CatalogCourse;
  lessonId: string;
  /** The language the lesson is shown in. */
  lang: Locale;
  userId: string;
  /** The signed-in user's role, as this request's session read it. */
  userRole?: string;
  /** The learner's current enrolment in the course, as the page already read it (null: not enrolled); absent: look it up. */
  enrolment?: Enrolment | null;
  props: Record<string, JsonValue>;
};

export type IslandLoader = (input: IslandLoaderInput) => Promise<JsonValue | null>;

/** What the build runs: the kinds, and checks that span kinds (the completion rule's, registered by learning). */
export type ContentPipeline = { kinds: readonly ContentKindServer[]; checks: readonly CourseCheck[] };

/** MDX component → island kind, for the lesson renderer. */
export function islandComponents(kinds: readonly ContentKindServer[]): Record<string, string> {
  return Object.fromEntries(kinds.map((k) => [k.component, k.name]));
}

/** One entry per segment index: the island's data, or null (not an island, or a kind without a loader). */
export async function loadIslandData(
  kinds: readonly ContentKindServer[],
  segments: Segment[],
  input: Omit<IslandLoaderInput, "props">,
): Promise<(JsonValue | null)[]> {
  return Promise.all(
    segments.map((segment) => {
      if (segment.type !== "island") return null;
      const load = kinds.find((k) => k.name === segment.kind)?.loadIsland;
      return load ? load({ ...input, props: segment.props }) : null;
    }),
  );
}

/** Whether a lesson's completion belongs to one of its islands (a kind with completesLesson placed in it). */
export function lessonCompletedByIsland(
  kinds: readonly ContentKindServer[],
  islands: readonly { kind: string; lessonId: string }[] | undefined,
  lessonId: string,
): boolean {
  const owning = new Set(kinds.filter((k) => k.completesLesson).map((k) => k.name));
  return (islands ?? []).some((i) => i.lessonId === lessonId && owning.has(i.kind));
}

/**
 * For kinds with `placement`: every <Component id="…" /> names a built entry,
 * and every entry is placed in exactly one lesson, in every language of that
 * lesson (one file in two places would share its attempts or submissions).
 */
export function placementErrors(
  kind: ContentKindServer & { placement: PlacementWords },
  { courseDir, course, islands }: Pick<CourseCheckInput, "courseDir" | "course" | "islands">,
  ids: readonly string[],
): string[] {
  const { name, component, placement: words } = kind;
  const fileOf = (id: string) => words.fileOf(courseDir, id);
  const lessonFile = (lessonId: string, lang: string) =>
    displayPath(path.dirname(courseDir), course.slug, LESSONS_DIR, lessonFileName(lessonId, lang as Locale));
  const errors: string[] = [];

  // id → lesson id → languages placing it
  const uses = new Map<string, Map<string, Set<string>>>();
  for (const placed of islands) {
    if (placed.kind !== name || typeof placed.props.id !== "string") continue;
    const id = placed.props.id;
    if (!ids.includes(id)) {
      errors.push(`${lessonFile(placed.lessonId, placed.lang)}: <${component} id="${id}" />: there is no ${fileOf(id)}`);
      continue;
    }
    const byLesson = uses.get(id) ?? new Map<string, Set<string>>();
    uses.set(id, byLesson);
    const langs = byLesson.get(placed.lessonId) ?? new Set<string>();
    if (langs.has(placed.lang)) errors.push(`${lessonFile(placed.lessonId, placed.lang)}: <${component} id="${id}" /> appears twice`);
    langs.add(placed.lang);
    byLesson.set(placed.lessonId, langs);
  }

  for (const id of ids) {
    const byLesson = uses.get(id);
    if (!byLesson) {
      errors.push(`${fileOf(id)}: no lesson ${words.verb} it (add <${component} id="${id}" /> to a lesson, or remove the file)`);
      continue;
    }
    if (byLesson.size > 1) {
      errors.push(`${fileOf(id)}: ${words.participle} by several lessons (${[...byLesson.keys()].join(", ")}); ${words.one} belongs to one lesson`);
    }
    for (const [lessonId, langs] of byLesson) {
      for (const lang of course.languages) {
        if (!langs.has(lang)) {
          errors.push(`${lessonFile(lessonId, lang)}: <${component} id="${id}" /> is missing (the other languages of this lesson have it)`);
        }
      }
    }
  }
  return errors;
}

/**
 * Runs one kind's part of the course build: its builder, then (for placed
 * kinds) the placement check. `entries` is absent when the kind's files are
 * invalid.
 */
export async function buildKindEntries(
  kind: ContentKindServer,
  input: Pick<CourseCheckInput, "courseDir" | "course" | "islands">,
): Promise<{ entries?: Record<string, JsonValue>; errors: string[] }> {
  if (!kind.buildEntries) return { errors: [] };
  const built = await kind.buildEntries({ courseDir: input.courseDir, course: input.course });
  if (!built.ok) return { errors: built.errors };
  const errors = kind.placement ? placementErrors({ ...kind, placement: kind.placement }, input, Object.keys(built.entries)) : [];
  return { entries: built.entries, errors };
}
