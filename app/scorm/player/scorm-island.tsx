import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { IslandProps } from "~/catalog/content-kind";
import { useI18n } from "~/i18n/react";
import type { PlayerProgress, ScormIslandData } from "./lesson-package.server";
import { relayScormCalls, type Played } from "./relay";
import { ScormSession, type LaunchResponse, type ScormApiClass } from "./session";
import { FRAME_SNAPSHOT_PREFIX, LAUNCH_ERRORS } from "./shared";


async function apiClass(version: "1.2" | "2004"): Promise<ScormApiClass> {
  // Each in its own chunk, loaded only when a package of that version is played.
  // The ESM builds export the class by name; the published types describe a default export.
  type Module = Record<string, ScormApiClass | undefined>;
  if (version === "1.2") {
    const mod = (await import("scorm-again/scorm12")) as unknown as Module;
    return (mod.Scorm12API ?? mod.default)!;
  }
  const mod = (await import("scorm-again/scorm2004")) as unknown as Module;
  return (mod.Scorm2004API ?? mod.default)!;
}

type Playing = { key: number; scoId: string; session: ScormSession; frameName: string; src: string };
type Notice = { tone: "error" | "info"; text: string } | null;

/**
 * <Scorm id="…" /> in a lesson: the package's table of contents and the
 * learner's state in each part (rendered by the server, so it shows without
 * JavaScript), and, once started, the part being played in a sandboxed frame
 * (decision 024) with Previous and Next outside it, which keep working
 * whatever the content does. The chrome follows the learner's language and
 * direction; the package keeps its own inside the frame.
 */
export default function ScormIsland({ courseSlug, lessonId, data }: IslandProps) {
  const { t, locale, dir } = useI18n();
  const island = data as unknown as ScormIslandData | null;
  const revalidator = useRevalidator();
  const headingId = useId();
  const [hydrated, setHydrated] = useState(false);
  const [progress, setProgress] = useState<PlayerProgress | null>(island?.progress ?? null);
  const [playing, setPlaying] = useState<Playing | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const played = useRef<Played[]>([]);
  const counter = useRef(0);
  // What is played now, for callbacks made by an earlier render (a SCO's Terminate leading to the next one).
  const current = useRef<Playing | null>(null);
  const lessonDone = useRef(island?.progress?.completed ?? false);

  useEffect(() => setHydrated(true), []);
  useEffect(() => relayScormCalls(window, () => played.current), []);
  useEffect(() => {
    // Closing the tab, or the phone putting the page away: what is unsaved leaves by beacon.
    const onHide = () => played.current.forEach((p) => p.session.beacon());
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      onHide();
    };
  }, []);

  const items = island?.items ?? [];
  const statusOf = (scoId: string) => progress?.scos.find((s) => s.scoId === scoId)?.status ?? "not-attempted";
  const index = playing ? items.findIndex((i) => i.identifier === playing.scoId) : -1;

  const play = useCallback(
    async (scoId: string) => {
      if (!island) return;
      setLoading(true);
      setNotice(null);
      const previous = played.current.find((p) => p.session === current.current?.session);
      if (previous) {
        await previous.session.close();
        // The part just left may still save as its frame unloads: it is listened to a little longer.
        setTimeout(() => (played.current = played.current.filter((p) => p !== previous)), 10_000);
      }
      try {
        const body = new URLSearchParams({ course: courseSlug, lesson: lessonId, sco: scoId });
        const response = await fetch("/api/scorm/launch", { method: "POST", body, credentials: "same-origin" });
        const answer = (await response.json().catch(() => null)) as (LaunchResponse & { error?: string }) | null;
        if (!response.ok || !answer || answer.error) {
          const code = answer?.error ?? "";
          setNotice({ tone: "error", text: (LAUNCH_ERRORS as readonly string[]).includes(code) ? t(`tracking.launch.${code}`) : t("tracking.player.error") });
          return;
        }
        const Api = await apiClass(answer.version);
        const session: ScormSession = new ScormSession(answer, Api, {
          onCommitted(state) {
            if (!state || typeof state !== "object") return;
            const next = state as PlayerProgress & { lessonDone?: boolean };
            setProgress(next);
            if (next.lessonDone && !lessonDone.current) {
              lessonDone.current = true;
              // The lesson, and perhaps the course, just completed: the page around the player says so.
              revalidator.revalidate();
            }
          },
          onCommitFailed: (kind) => setNotice({ tone: "error", text: t(`tracking.commit.${kind}`) }),
          onTerminated: (navRequest) => {
            const target = navTarget(navRequest, scoId);
            if (target) void play(target);
          },
        });
        const item = island.items.find((i) => i.identifier === scoId)!;
        const key = ++counter.current;
        played.current = [...played.current, { frame: null, session }];
        current.current = {
          key,
          scoId,
          session,
          frameName: FRAME_SNAPSHOT_PREFIX + JSON.stringify({ version: answer.version, cmi: session.snapshot() }),
          src: island.contentBase + item.launch,
        };
        setPlaying(current.current);
      } catch {
        setNotice({ tone: "error", text: t("tracking.player.error") });
      } finally {
        setLoading(false);
      }
    },
    // play refers to itself through onTerminated; the island's data does not change while it is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [island, courseSlug, lessonId],
  );

  /** SCORM 2004's navigation requests, as the content sets adl.nav.request before Terminate. */
  function navTarget(request: string | null, from: string): string | null {
    if (!request) return null;
    const at = items.findIndex((i) => i.identifier === from);
    if (request === "continue") return items[at + 1]?.identifier ?? null;
    if (request === "previous") return items[at - 1]?.identifier ?? null;
    const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    return choice && items.some((i) => i.identifier === choice[1]) ? choice[1] : null;
  }

  // The frame's window, once the frame is in the page: the relay answers only it (and frames or pop-ups inside it).
  const attachFrame = useCallback(
    (frame: HTMLIFrameElement | null) => {
      frameRef.current = frame;
      if (!frame || !playing) return;
      played.current = played.current.map((p) => (p.session === playing.session ? { ...p, frame: frame.contentWindow } : p));
    },
    [playing],
  );

  if (!island) return null;
  const firstToPlay = items.find((i) => statusOf(i.identifier) !== "completed" && statusOf(i.identifier) !== "passed") ?? items[0];
  const started = progress?.scos.some((s) => s.status !== "not-attempted") ?? false;
  const visibleItems = items.filter((i) => i.visible);

  return (
    <section className="scorm-player stack" aria-labelledby={headingId} lang={locale} dir={dir}>
      <h2 id={headingId} className="scorm-player-title">
        {t("tracking.player.heading")}
      </h2>
      <p className="muted">{t("tracking.player.completesLesson")}</p>
      {progress ? (
        <p className="scorm-progress">
          {t("tracking.progress.partsDone", { count: progress.done, required: progress.required })}
          {progress.scorePercent !== null ? <> · {t("tracking.progress.score", { percent: progress.scorePercent })}</> : null}
        </p>
      ) : null}
      {progress?.success === "failed" ? <p className="alert alert-info">{t("tracking.progress.failedHint")}</p> : null}
      {!island.available ? <p className="alert alert-info">{t("tracking.player.unavailable")}</p> : null}
      <noscript>
        <p className="alert alert-info">{t("tracking.player.noScript")}</p>
      </noscript>

      {visibleItems.length > 1 || !playing ? (
        <nav aria-label={t("tracking.player.toc")} className="scorm-toc">
          <ol>
            {visibleItems.map((item) => {
              const status = statusOf(item.identifier);
              const current = playing?.scoId === item.identifier;
              return (
                <li key={item.identifier} className={item.depth ? `scorm-toc-depth-${Math.min(item.depth, 3)}` : undefined}>
                  <button
                    type="button"
                    className="link-button scorm-toc-item"
                    aria-current={current ? "step" : undefined}
                    disabled={!hydrated || !island.available || loading}
                    onClick={() => void play(item.identifier)}
                  >
                    <bdi>{item.title}</bdi>
                  </button>{" "}
                  <span className={`badge scorm-status scorm-status-${status}`}>{t(`tracking.status.${status}`)}</span>
                  {current ? <span className="visually-hidden"> ({t("tracking.player.current")})</span> : null}
                </li>
              );
            })}
          </ol>
        </nav>
      ) : null}

      {!playing && firstToPlay ? (
        <p className="actions">
          <button type="button" className="button" disabled={!hydrated || !island.available || loading} onClick={() => void play(firstToPlay.identifier)}>
            {started ? t("tracking.player.resume") : t("tracking.player.start")}
          </button>
        </p>
      ) : null}
      {loading ? <p role="status">{t("tracking.player.loading")}</p> : null}

      {playing ? (
        <>
          <div className="scorm-stage">
            <iframe
              key={playing.key}
              ref={attachFrame}
              name={playing.frameName}
              src={playing.src}
              title={t("tracking.player.frameTitle", { title: items[index]?.title ?? island.title })}
              sandbox="allow-scripts allow-forms allow-popups"
              allow="fullscreen; autoplay"
              className="scorm-frame"
            />
          </div>
          {items.length > 1 ? (
            <div className="actions scorm-nav">
              <button type="button" className="button button-secondary" disabled={index <= 0 || loading} onClick={() => void play(items[index - 1].identifier)}>
                {t("tracking.player.previous")}
              </button>
              <button type="button" className="button button-secondary" disabled={index >= items.length - 1 || loading} onClick={() => void play(items[index + 1].identifier)}>
                {t("tracking.player.next")}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      <div aria-live="polite">{notice ? <p className={notice.tone === "error" ? "alert alert-error" : "alert alert-info"}>{notice.text}</p> : null}</div>
    </section>
  );
}
