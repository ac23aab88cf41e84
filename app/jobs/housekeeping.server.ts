import { pruneLoginThrottles } from "~/auth/login-throttle.server";
import { env } from "~/config/env.server";
import { db } from "~/db/client.server";
import { pruneRateLimits } from "~/http/rate-limit.server";
import { deliverDueEmails } from "~/mail/outbox.server";
import { sendDueReports } from "~/reports/schedule.server";
import { log } from "../../server/log";

const MAIL_EVERY_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Removes rows that can no longer be used: expired auth sessions, ended
 * rate-limit windows and login throttles, old reset and sign-up links.
 */
export async function pruneExpired(now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  const [sessions, rateLimits, loginThrottles, resetTokens, signups] = await Promise.all([
    db.authSession.deleteMany({ where: { expiresAt: { lte: now } } }).then((r) => r.count),
    pruneRateLimits(now),
    pruneLoginThrottles(now),
    db.passwordResetToken.deleteMany({ where: { expiresAt: { lte: dayAgo } } }).then((r) => r.count),
    db.emailConfirmation.deleteMany({ where: { expiresAt: { lte: dayAgo } } }).then((r) => r.count),
  ]);
  return { sessions, rateLimits, loginThrottles, resetTokens, signups };
}

type Handle = { stop: () => void };
const globalForJobs = globalThis as unknown as { __tadribHousekeeping?: Handle };

/**
 * Retries undelivered mail every minute; every hour prunes expired rows and
 * sends the scheduled reports that are due (the first day of a month or a
 * quarter: a report not sent since then goes out at the next sweep).
 * Started once per process by the server (the flag on globalThis survives the
 * dev server re-importing modules), and in one process only when several
 * serve (HOUSEKEEPING, set by the cluster's primary: decision 032); never in
 * unit tests, which call the functions directly.
 */
export function startHousekeeping(): Handle {
  if (globalForJobs.__tadribHousekeeping) return globalForJobs.__tadribHousekeeping;
  if (env.NODE_ENV === "test" || !env.HOUSEKEEPING) return { stop: () => {} };
  log.info({ msg: "housekeeping started", pid: process.pid });
  const guarded = (name: string, job: () => Promise<unknown>) => {
    let running = false;
    return async () => {
      if (running) return; // a slow SMTP server must not stack up overlapping sweeps
      running = true;
      try {
        const result = await job();
        log.debug({ msg: "housekeeping", job: name, result });
      } catch (error) {
        log.error({ msg: "housekeeping failed", job: name, error: String(error) });
      } finally {
        running = false;
      }
    };
  };
  const sweepMail = guarded("mail", () => deliverDueEmails());
  const mail = setInterval(sweepMail, MAIL_EVERY_MS);
  const prune = setInterval(
    guarded("prune", () => pruneExpired()),
    PRUNE_EVERY_MS
  );
  const sweepReports = guarded("reports", () => sendDueReports());
  const reports = setInterval(sweepReports, PRUNE_EVERY_MS);
  mail.unref();
  prune.unref();
  reports.unref();
  // Mail left pending by a previous run (crash, restart) goes out now, not in a minute.
  void sweepMail();
  void sweepReports();
  const handle = {
    stop: () => {
      clearInterval(mail);
      clearInterval(prune);
      clearInterval(reports);
      delete globalForJobs.__tadribHousekeeping;
    },
  };
  globalForJobs.__tadribHousekeeping = handle;
  return handle;
}
