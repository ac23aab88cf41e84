import fs from "node:fs";
import path from "node:path";

/**
 * `npm run dev`'s watch on courses/: any change to a lesson, quiz,
 * assignment, course.yml or image runs `rebuild` (the course build) once the
 * edits settle. Builds never overlap: a change during a build runs one more
 * after it. The dev server reads the new manifest on the next request, so a
 * reload shows the new text.
 */
export function watchCourses(
  coursesDir: string,
  rebuild: () => Promise<unknown>,
  { debounceMs = 150 }: { debounceMs?: number } = {},
): { close: () => void; idle: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await rebuild().catch((error: unknown) => console.error(`courses: rebuild failed: ${(error as Error).message}`));
      } while (again);
      running = null;
    })();
    return running;
  };

  const watcher = fs.watch(coursesDir, { recursive: true }, (_event, name) => {
    // Editors' swap and backup files are not content.
    const base = name ? path.basename(name.toString()) : "";
    if (base.startsWith(".") || base.endsWith("~") || base.endsWith(".swp")) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  });

  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
    /** Resolves when no build is running (for tests). */
    async idle() {
      while (running) await running;
    },
  };
}
