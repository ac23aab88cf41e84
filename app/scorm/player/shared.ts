/**
 * What the player's browser half (scorm-island.tsx) and its server half
 * (frame-api.server.ts, resume.server.ts) must agree on, in a module both
 * can import.
 */

/** window.name (or a frame address's fragment) holding the frame's starting data starts with this. */
export const FRAME_SNAPSHOT_PREFIX = "tadrib-scorm:";

/** What a learner can be told when a launch is refused: each has its message (tracking.launch.<error>). */
export const LAUNCH_ERRORS = ["not-enrolled", "package-not-found", "unknown-sco"] as const;
