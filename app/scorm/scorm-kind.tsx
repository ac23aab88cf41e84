import { lazy } from "react";
import type { ContentKind } from "~/catalog/content-kind";

/** <Scorm id="…" /> in a lesson: the island kind's name, shared by its two halves (scorm-kind.server.ts). */
export const SCORM_ISLAND = "scorm";

/** The browser half of the SCORM kind: the player, in its own chunk (scorm-again only loads when a part is played). */
export const scormKind: ContentKind = { name: SCORM_ISLAND, component: lazy(() => import("./player/scorm-island")), i18n: ["tracking"] };
