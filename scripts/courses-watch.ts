import fs from "node:fs";

/**
 * `npm run dev` rebuilds the courses whenever a file under courses/ changes,
 * so a writer who saves a lesson sees it on the next page load (the dev
 * server re-reads the build's manifest when it changes). Saves are grouped
 * (an editor often writes a file twice); a change during a build starts one
 * more build after it, never two at once.
 */
export function watchCourses(coursesDir: string, rebuild: () => Promise<unknown>, delayMs = 200): () => void {
  let running = false;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      await rebuild();
    } finally {
      running = false;
      if (pending) {
        pending = false;
        void run();
      }
    }
  };
  const watcher = fs.watch(coursesDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
