import cluster, { type Worker } from "node:cluster";
import { log } from "./log";

/**
 * The cluster's primary (WEB_CONCURRENCY > 1, decision 032): forks the workers, which all listen on PORT
 * (Node hands each new connection to the next worker in turn), replaces one that dies, and stops them all
 * on SIGTERM or SIGINT. It loads neither the app nor the database: each worker runs the app server
 * (server/index.ts) with its own graceful shutdown, and exactly one of them, the first, runs the
 * housekeeping jobs (HOUSEKEEPING=true; its replacement too).
 */
export type ClusterOptions = {
  workers: number;
  /** The script each worker runs: the built app server. */
  exec: string;
  /** Whether the first worker runs the housekeeping jobs (false when HOUSEKEEPING=false for the whole server). */
  housekeeping: boolean;
  /** After SIGTERM, how long the workers get before they are killed (each forces its own exit after 10 s); 12 s. */
  shutdownTimeoutMs?: number;
};

/** A worker that lived this long was no crash loop: its slot's backoff starts afresh. */
export const STABLE_MS = 30_000;

/** How long a slot waits before its n-th replacement in a row of short-lived workers: 0.25 s, 0.5 s, 1 s, … 30 s at most. */
export function restartDelay(restartsInARow: number): number {
  return Math.min(250 * 2 ** Math.max(restartsInARow - 1, 0), 30_000);
}

type Slot = { index: number; worker?: Worker; startedAt: number; listened: boolean; failedToStart?: boolean; restarts: number; timer?: NodeJS.Timeout };

export function runCluster(options: ClusterOptions): void {
  cluster.setupPrimary({ exec: options.exec });
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({ index, startedAt: 0, listened: false, restarts: 0 }));
  let anyListened = false;
  let startRest = () => {};
  let stopping = false;
  let exitCode = 0;

  const fork = (slot: Slot) => {
    slot.timer = undefined;
    const housekeeping = options.housekeeping && slot.index === 0;
    const worker = cluster.fork({ HOUSEKEEPING: String(housekeeping) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.listened = false;
    worker.once("listening", () => {
      slot.listened = true;
      anyListened = true;
      log.info({ msg: "worker listening", worker: slot.index + 1, pid: worker.process.pid, housekeeping });
      startRest();
    });
    worker.once("exit", (code, signal) => exited(slot, worker, code, signal));
  };

  const exited = (slot: Slot, worker: Worker, code: number | null, signal: string | null) => {
    if (slot.worker === worker) slot.worker = undefined;
    const pid = worker.process.pid;
    if (stopping) {
      if (code !== 0 && signal !== "SIGTERM") exitCode = 1;
      log.info({ msg: "worker stopped", worker: slot.index + 1, pid, code, signal });
      if (slots.every((s) => !s.worker)) finish();
      return;
    }
    // Nothing ever started (no build, a broken configuration): replacing them again and again would not help.
    if (!anyListened && !slot.listened) slot.failedToStart = true;
    startRest();
    if (!anyListened && slots.every((s) => s.failedToStart)) {
      log.error({ msg: "no worker could start: stopping", code, signal });
      exitCode = 1;
      return stop("no worker could start");
    }
    const lived = Date.now() - slot.startedAt;
    slot.restarts = lived >= STABLE_MS ? 1 : slot.restarts + 1;
    const delay = restartDelay(slot.restarts);
    log.error({ msg: "worker died: replacing it", worker: slot.index + 1, pid, code, signal, livedMs: lived, restartInMs: delay });
    slot.timer = setTimeout(() => fork(slot), delay);
  };

  const finish = () => {
    log.info({ msg: "closed", workers: options.workers, exitCode });
    process.exit(exitCode);
  };

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ msg: "shutting down", signal, workers: slots.filter((s) => s.worker).length });
    for (const slot of slots) clearTimeout(slot.timer);
    const force = setTimeout(() => {
      log.warn({ msg: `forcing exit after ${(options.shutdownTimeoutMs ?? 12_000) / 1000}s` });
      for (const slot of slots) slot.worker?.process.kill("SIGKILL");
      process.exit(1);
    }, options.shutdownTimeoutMs ?? 12_000);
    force.unref();
    // Each worker runs its own graceful shutdown (server/index.ts): in-flight requests finish, the database closes.
    for (const slot of slots) slot.worker?.process.kill("SIGTERM");
    if (slots.every((s) => !s.worker)) finish();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  log.info({ msg: "starting workers", workers: options.workers, pid: process.pid });
  // The first worker alone, then the others once it listens (or failed): on a busy machine the site answers as
  // soon as one process could start, instead of once several starting side by side shared the cores.
  fork(slots[0]);
  startRest = () => {
    startRest = () => {};
    for (const slot of slots.slice(1)) if (!stopping) fork(slot);
  };
}
