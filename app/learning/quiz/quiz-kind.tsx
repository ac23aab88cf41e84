import { lazy } from "react";
import type { ContentKind } from "~/catalog/content-kind";

/** <Quiz id="…" /> in a lesson: the island kind's name, shared by its two halves. */
export const QUIZ_ISLAND = "quiz";

/** The browser half of the quiz kind: its island component, in its own chunk. */
export const quizKind: ContentKind = { name: QUIZ_ISLAND, component: lazy(() => import("./quiz-island")), i18n: ["quiz"] };
