import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

export type SaveStatus = "idle" | "saving" | "saved" | "error" | "closed";

/**
 * Saves each answer as the learner gives it, with a plain fetch rather than a
 * Remix fetcher: a fetcher would reload the whole lesson after every click.
 * Per question, one request at a time and only the newest value, so answers
 * cannot arrive out of order. When the server says the attempt is closed
 * (time is up), the lesson data is reloaded to show the result.
 */
export function useAnswerSaving(answersUrl: string, attemptId: string) {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const latest = useRef(new Map<string, unknown>());
  const inFlight = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const failed = useRef(false);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  const flush = useCallback(
    async (questionId: string) => {
      if (inFlight.current.has(questionId)) return; // the running loop sends the newest value next
      inFlight.current.add(questionId);
      setStatus("saving");
      try {
        while (latest.current.has(questionId)) {
          const value = latest.current.get(questionId);
          latest.current.delete(questionId);
          const body = new FormData();
          body.set("attemptId", attemptId);
          body.set("questionId", questionId);
          body.set("value", JSON.stringify(value ?? null));
          const response = await fetch(answersUrl, { method: "POST", body, headers: { Accept: "application/json" } });
          if (response.status === 409) {
            setStatus("closed");
            revalidate.current();
            return;
          }
          failed.current = !response.ok;
        }
      } catch {
        failed.current = true;
      } finally {
        inFlight.current.delete(questionId);
      }
      if (failed.current) setStatus("error");
      else if (inFlight.current.size === 0) setStatus("saved");
    },
    [answersUrl, attemptId],
  );

  const save = useCallback(
    (questionId: string, value: unknown, delayMs = 0) => {
      latest.current.set(questionId, value);
      clearTimeout(timers.current.get(questionId));
      timers.current.delete(questionId);
      if (delayMs > 0) timers.current.set(questionId, setTimeout(() => void flush(questionId), delayMs));
      else void flush(questionId);
    },
    [flush],
  );

  /** Sends a pending (typed, not yet sent) answer now, e.g. when the field loses focus. */
  const flushNow = useCallback(
    (questionId: string) => {
      if (!timers.current.has(questionId)) return;
      clearTimeout(timers.current.get(questionId));
      timers.current.delete(questionId);
      void flush(questionId);
    },
    [flush],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return { status, save, flushNow };
}
