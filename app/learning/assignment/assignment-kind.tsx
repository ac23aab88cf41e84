import { lazy } from "react";
import type { ContentKind } from "~/catalog/content-kind";

/** <Assignment id="…" /> in a lesson: the island kind's name, shared by its two halves. */
export const ASSIGNMENT_ISLAND = "assignment";

/** The browser half of the assignment kind: its island component, in its own chunk. */
export const assignmentKind: ContentKind = { name: ASSIGNMENT_ISLAND, component: lazy(() => import("./assignment-island")), i18n: ["assignment"] };
