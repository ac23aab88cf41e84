import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/react";

type Progress = { state: "idle" | "queued" | "running" | "done" | "refused" | "failed"; done: number; total: number };

const POLL_MS = 500;

/**
 * The import button, then its progress. With JavaScript the form is sent in
 * the background and the page polls /admin/import/:key/progress (JSON) for
 * the bar; when the import ends, the page's data is read again and shows the
 * result. Without JavaScript the same form is a plain post that waits for
 * the import and redirects to the result.
 */
export function ImportRunner({ importKey, running, total }: { importKey: string; running: boolean; total: number }) {
  const { t, formatNumber } = useI18n();
  const fetcher = useFetcher();
  const revalidator = useRevalidator();
  const [scripted, setScripted] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(running ? { state: "running", done: 0, total } : null);
  useEffect(() => setScripted(true), []);

  const started = running || fetcher.state !== "idle" || fetcher.data !== undefined;
  useEffect(() => {
    if (!started) return;
    let stopped = false;
    const poll = async () => {
      if (stopped) return;
      const response = await fetch(`/admin/import/${importKey}/progress`, { headers: { Accept: "application/json" } }).catch(() => null);
      const next = response?.ok ? ((await response.json()) as Progress) : null;
      if (stopped) return;
      if (next) setProgress(next);
      if (next && (next.state === "done" || next.state === "refused" || next.state === "failed" || next.state === "idle")) revalidator.revalidate();
      else setTimeout(poll, POLL_MS);
    };
    const timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // revalidator changes identity on every render; the polling loop only needs to start once per import.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [started, importKey]);

  if (started) {
    const done = progress?.done ?? 0;
    const of = progress?.total || total;
    return (
      <div className="stack" aria-live="polite">
        <label htmlFor="import-progress">{t("import.run.running")}</label>
        <progress id="import-progress" className="import-progress" max={of} value={done} />
        <p className="muted">{t("import.run.progress", { done: formatNumber(done), total: formatNumber(of) })}</p>
        {scripted ? null : (
          <p>
            <a href={`/admin/import/${importKey}`}>{t("import.run.refresh")}</a>
          </p>
        )}
      </div>
    );
  }
  return (
    <fetcher.Form method="post" action={`/admin/import/${importKey}`}>
      <input type="hidden" name="intent" value="import" />
      {/* "wait" until the page runs JavaScript: a plain post then waits for the import. */}
      <input type="hidden" name="progress" value={scripted ? "poll" : "wait"} />
      <button type="submit" className="button">
        {t("import.run.submit")}
      </button>
    </fetcher.Form>
  );
}
