import { type ComponentType, type LazyExoticComponent, Suspense } from "react";
import type { JsonValue } from "./types";

/**
 * The browser half of a kind of lesson island: its name and its component.
 * The build turns an MDX component such as <Quiz id="…" /> into a segment
 * { kind: "quiz", props }; the lesson page renders it with the component of
 * the kind of that name. Each capability declares its kind beside its code
 * (app/learning/quiz/quiz-kind.tsx); app/content-kinds.tsx lists them.
 *
 * Give the component as React.lazy(() => import("…")): Vite then puts every
 * island in its own chunk, and a lesson page downloads only the JavaScript of
 * the islands it contains (lessons without islands ship none).
 */
export type ContentKind = { name: string; component: LazyExoticComponent<ComponentType<IslandProps>> };

export type IslandProps<P = Record<string, JsonValue>> = {
  courseSlug: string;
  lessonId: string;
  /** The props the author wrote in the MDX (plain JSON). */
  props: P;
  /** What the kind's server loader (ContentKindServer.loadIsland) returned for this learner, or null. */
  data?: JsonValue | null;
};

/** The component that renders one island with the given kinds; an unknown kind renders nothing (the lesson loader logs it). */
export function islandRenderer(kinds: readonly ContentKind[]) {
  const byName = new Map(kinds.map((k) => [k.name, k.component]));
  return function LessonIsland({ kind, ...props }: IslandProps & { kind: string }) {
    const Island = byName.get(kind);
    if (!Island) return null;
    return (
      <Suspense fallback={null}>
        <Island {...props} />
      </Suspense>
    );
  };
}
