/**
 * What the import pages show: a problem is a catalog key
 * (import.problems.<code>) with its row, its column as the file names it,
 * and the values its message needs. Shared by the server and the pages.
 */
export type ImportTarget = { kind: "people" } | { kind: "cohort"; cohortId: string } | { kind: "session"; sessionId: string };

export type Problem = { row: number | null; column: string | null; code: string; params?: Record<string, string | number> };

export type ImportCounts = {
  rows: number;
  created: number;
  matched: number;
  organisationsCreated: number;
  membershipsStarted: number;
  enrolled: number;
  alreadyEnrolled: number;
  attended: number;
  alreadyPresent: number;
};

export type ImportReport = {
  target: ImportTarget;
  /** At most MAX_LISTED problems, in row order; problemCount says how many there are. */
  problems: Problem[];
  problemCount: number;
  warnings: Problem[];
  counts: ImportCounts;
};

export const MAX_LISTED = 200;
