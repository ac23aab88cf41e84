import type { ScormSession } from "./session";

/**
 * The player page's half of scorm-again's cross-frame protocol: the
 * package's frames (app/scorm/player/frame-api.server.ts) post
 * { messageId, method, params } to this window, and get { messageId, result }
 * or { messageId, error } back. A message is answered only when it comes from
 * the frame of the session being played, one of its child frames, or a pop-up
 * it opened (event.source, walked up through parent and opener): any other
 * window, this page's own scripts included, is ignored. Each message becomes
 * a call on that one session, on the one attempt the learner launched.
 *
 * Replies go to the source window with target origin "*": the sandboxed
 * frame's origin is opaque ("null"), which postMessage cannot name. What a
 * reply carries (the learner's own data in this package) is what the package
 * already reads through the API.
 */

type Message = { messageId: string; method: string; params: unknown[]; isHeartbeat?: boolean };

function isMessage(data: unknown): data is Message {
  if (typeof data !== "object" || data === null) return false;
  const m = data as Partial<Message>;
  return (
    typeof m.messageId === "string" &&
    m.messageId.length > 0 &&
    m.messageId.length < 200 &&
    typeof m.method === "string" &&
    (m.params === undefined || (Array.isArray(m.params) && m.params.length <= 4))
  );
}

/** True when `source` is `frame`, or a frame or pop-up inside it (at most a few levels down). */
export function comesFrom(source: unknown, frame: Window | null): boolean {
  if (!frame || !source) return false;
  let current = source as Window;
  for (let step = 0; step < 16; step++) {
    if (current === frame) return true;
    let next: Window | null = null;
    try {
      next = current.parent && current.parent !== current ? current.parent : current.opener;
    } catch {
      return false;
    }
    if (!next || next === current) return false;
    current = next;
  }
  return false;
}

export type Played = { frame: Window | null; session: ScormSession };

/** Listens on `win` for the package's calls; returns the function that stops it. */
/**
 * `played()` lists the session being played and those just left (a SCO
 * saves its data as its frame unloads, after the learner moved on).
 */
export function relayScormCalls(win: Window, played: () => readonly Played[]): () => void {
  const onMessage = (event: MessageEvent) => {
    if (!isMessage(event.data)) return;
    const current = played().find((p) => comesFrom(event.source, p.frame));
    if (!current) return;
    const source = event.source as Window;
    const { messageId, method, params = [] } = event.data;
    const reply = (answer: { result?: unknown; error?: { message: string; code?: string }; isHeartbeat?: boolean }) =>
      source.postMessage({ messageId, ...answer }, "*");
    if (event.data.isHeartbeat) return reply({ isHeartbeat: true });
    try {
      reply({ result: current.session.call(method, params) });
    } catch (error) {
      reply({ error: { message: error instanceof Error ? error.message : "error", code: "101" } });
    }
  };
  win.addEventListener("message", onMessage);
  return () => win.removeEventListener("message", onMessage);
}
