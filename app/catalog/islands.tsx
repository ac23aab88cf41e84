import { type ComponentType, lazy, type LazyExoticComponent, Suspense } from "react";
import type { JsonValue } from "./types";

/**
 * Interactive parts of lessons ("islands"), by kind. The build turns an MDX
 * component such as <Quiz id="…" /> into a segment { kind: "quiz", props };
 * the lesson page renders it with the component registered here.
 *
 * Register each kind with React.lazy(() => import("…")): Vite then puts every
 * island in its own chunk, and a lesson page downloads only the JavaScript of
 * the islands it contains (lessons without islands ship none).
 */
export type IslandProps<P = Record<string, JsonValue>> = {
  courseSlug: string;
  lessonId: string;
  /** The props the author wrote in the MDX (plain JSON). */
  props: P;
  /** What the kind's server loader (island-loaders.server.ts) returned for this learner, or null. */
  data?: JsonValue | null;
};

type IslandComponent = LazyExoticComponent<ComponentType<IslandProps>>;

const registry: Record<string, IslandComponent> = {
  assignment: lazy(() => import("~/learning/assignment/assignment-island")),
  quiz: lazy(() => import("~/learning/quiz/quiz-island")),
};

export function isKnownIsland(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(registry, kind);
}

/** Renders one island; an unknown kind renders nothing (the lesson loader logs it). */
export function LessonIsland({ kind, ...props }: IslandProps & { kind: string }) {
  const Island = isKnownIsland(kind) ? registry[kind] : undefined;
  if (!Island) return null;
  return (
    <Suspense fallback={null}>
      <Island {...props} />
    </Suspense>
  );
}
