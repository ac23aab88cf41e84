import { log } from "../../server/log";

/**
 * Work that must not shape the HTTP response: where what happens depends on
 * whether an address is registered (a reset link, a sign-up confirmation),
 * doing it after answering keeps the answer's timing the same either way.
 * Errors are logged; the graceful shutdown and the tests wait for what is
 * still running with backgroundSettled().
 */
// On globalThis: the Express server and the Remix build each bundle this module,
// and the server's shutdown must see the tasks the app's routes started.
const global = globalThis as unknown as { __tadribBackground?: Set<Promise<void>> };
const running = (global.__tadribBackground ??= new Set<Promise<void>>());

export function runInBackground(label: string, task: () => Promise<unknown>): void {
  const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .then(
      () => undefined,
      (error: unknown) => {
        log.error({ msg: "background task failed", task: label, error: error instanceof Error ? error.stack : String(error) });
        if (process.env.NODE_ENV === "test") console.error(`background task ${label} failed`, error);
      },
    )
    .finally(() => running.delete(job));
  running.add(job);
}

export async function backgroundSettled(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
