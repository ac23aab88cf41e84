import type { Locale } from "~/i18n/locales";
import { assignmentIslandData } from "~/learning/assignment/assignment-pages.server";
import { quizIslandData } from "~/learning/quiz/quiz-pages.server";
import type { CatalogCourse } from "./catalog.server";
import type { JsonValue, Segment } from "./types";

/**
 * Server data for lesson islands, by kind, loaded with the lesson. An island
 * that shows the learner's own state (their submissions, their attempt) is
 * then rendered complete on the server: it works without JavaScript and
 * does not fetch again after hydration. Kinds without a loader get null.
 */
export type IslandLoaderInput = {
  course: CatalogCourse;
  lessonId: string;
  /** The language the lesson is shown in. */
  lang: Locale;
  userId: string;
  props: Record<string, JsonValue>;
};

export type IslandLoader = (input: IslandLoaderInput) => Promise<JsonValue | null>;

export const islandLoaders: Record<string, IslandLoader> = {
  assignment: ({ props, ...rest }) => assignmentIslandData({ ...rest, assignmentId: props.id }),
  quiz: async ({ props, ...rest }) => (await quizIslandData({ ...rest, quizId: props.id })) as unknown as JsonValue | null,
};

/** One entry per segment index: the island's data, or null. */
export async function loadIslandData(segments: Segment[], input: Omit<IslandLoaderInput, "props">): Promise<(JsonValue | null)[]> {
  return Promise.all(
    segments.map((segment) => {
      if (segment.type !== "island") return null;
      const load = islandLoaders[segment.kind];
      return load ? load({ ...input, props: segment.props }) : null;
    }),
  );
}
