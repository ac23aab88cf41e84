import { type ComponentType, type LazyExoticComponent, Suspense } from "react";
import type { Namespace } from "~/i18n/namespaces";
import type { JsonValue, Segment } from "./types";

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
 *
 * `i18n` lists the message namespaces the island's component uses, as
 * literal strings in the same object as the lazy import (the check in
 * app/i18n/route-namespaces.test.ts reads them there). A lesson page is sent
 * them only when it contains an island of the kind (docs/decisions/028).
 */
export type ContentKind = {
  name: string;
  component: LazyExoticComponent<ComponentType<IslandProps>>;
  i18n: readonly Namespace[];
};

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

/** The namespaces the islands of these segments need, each once (none for a lesson without islands). */
export function islandNamespaces(kinds: readonly ContentKind[], segments: readonly Segment[]): Namespace[] {
  const out = new Set<Namespace>();
  for (const segment of segments) {
    if (segment.type !== "island") continue;
    for (const ns of kinds.find((k) => k.name === segment.kind)?.i18n ?? []) out.add(ns);
  }
  return [...out];
}
