/**
 * One launch of one SCO, in the player page: scorm-again's API object for
 * the package's version, started from the launch's saved data, answering the
 * calls the package frame relays (app/scorm/player/relay.ts), and committing
 * what the content set to POST /api/scorm/attempts/:id/commit.
 *
 * Commits carry only the elements the content wrote and scorm-again
 * accepted, each numbered by seq from the seq the launch gave (decision 023:
 * the server merges per element by seq, so a repeated or late commit never
 * undoes a newer one). They go one at a time: on Commit/LMSCommit, on
 * Terminate/LMSFinish (with terminate), every AUTOCOMMIT_MS while something
 * is unsaved, and by beacon when the page goes away. An element stays
 * unsaved until a commit holding its current value is acknowledged, so a
 * failed commit loses nothing: the next one sends it again.
 */

export type CmiVersion = "1.2" | "2004";

export type LaunchResponse = {
  attemptId: string;
  version: CmiVersion;
  seq: number;
  cmi: Record<string, string>;
  commitUrl: string;
};

/** What the commit endpoint answers, as far as the player reads it. */
export type CommitAnswer = { ok: boolean; status: number; body: { progress?: unknown; problems?: { element: string }[]; error?: string } | null };

type ScormApi = Record<string, unknown> & {
  loadFromFlattenedJSON(json: Record<string, string>): void;
  getFlattenedCMI(): Record<string, unknown>;
};
export type ScormApiClass = new (settings: Record<string, unknown>) => ScormApi;

export const METHODS: Record<CmiVersion, readonly string[]> = {
  "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"],
};
const SET = new Set(["LMSSetValue", "SetValue"]);
const COMMIT = new Set(["LMSCommit", "Commit"]);
const FINISH = new Set(["LMSFinish", "Terminate"]);

export const AUTOCOMMIT_MS = 10_000;

export type SessionEvents = {
  /** After each acknowledged commit: the package's state as the server now sees it. */
  onCommitted?: (progress: unknown) => void;
  /** A commit failed (network, server): `refused` when the server judged the data invalid. */
  onCommitFailed?: (kind: "failed" | "refused") => void;
  /** The content called Terminate/LMSFinish; `navRequest` is SCORM 2004's adl.nav.request, if it set one. */
  onTerminated?: (navRequest: string | null) => void;
};

export type Transport = {
  post(url: string, body: string): Promise<CommitAnswer>;
  beacon(url: string, body: string): boolean;
};

export const browserTransport: Transport = {
  async post(url, body) {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body, credentials: "same-origin", keepalive: body.length < 60_000 });
    const parsed = (await response.json().catch(() => null)) as CommitAnswer["body"];
    return { ok: response.ok, status: response.status, body: parsed };
  },
  beacon(url, body) {
    // text/plain: a beacon cannot send application/json without a preflight (decision 023).
    return navigator.sendBeacon(url, new Blob([body], { type: "text/plain" }));
  },
};

export class ScormSession {
  readonly version: CmiVersion;
  readonly attemptId: string;
  private readonly api: ScormApi;
  private seq: number;
  private readonly unsaved = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;
  private navRequest: string | null = null;
  private closed = false;
  private lateCommit: ReturnType<typeof setTimeout> | undefined;
  terminated = false;

  constructor(
    private readonly launch: LaunchResponse,
    Api: ScormApiClass,
    private readonly events: SessionEvents = {},
    private readonly transport: Transport = browserTransport,
  ) {
    this.version = launch.version;
    this.attemptId = launch.attemptId;
    this.seq = launch.seq;
    // No HTTP of scorm-again's own: commits are this class's, with Tadrib's seq and body.
    this.api = new Api({ autocommit: false, lmsCommitUrl: false, logLevel: 5, mastery_override: false });
    this.api.loadFromFlattenedJSON(launch.cmi);
  }

  /** The data the frame's API starts from (written into the frame's window.name). */
  snapshot(): Record<string, string> {
    const flat = this.api.getFlattenedCMI();
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(flat)) if (value !== null && value !== undefined && typeof value !== "object") out[key] = String(value);
    return out;
  }

  get hasUnsaved(): boolean {
    return this.unsaved.size > 0;
  }

  /** One relayed call; anything outside the version's API (and getFlattenedCMI) is refused. */
  call(method: string, params: readonly unknown[]): unknown {
    if (method === "getFlattenedCMI") return this.snapshot();
    if (!METHODS[this.version].includes(method)) throw new Error(`Method not allowed: ${method}`);
    const args = params.slice(0, 2).map((p) => (p === undefined || p === null ? "" : String(p)));
    const fn = this.api[method] as (...a: string[]) => unknown;
    const result = String(fn.apply(this.api, args));
    if (SET.has(method) && result === "true") {
      // adl.nav.* are requests to the player (SCORM 2004 navigation), not data to keep.
      if (args[0] === "adl.nav.request") this.navRequest = args[1];
      if (args[0].startsWith("adl.")) return result;
      this.unsaved.set(args[0], args[1]);
      this.startAutocommit();
    } else if (COMMIT.has(method) && result === "true") {
      void this.commit();
    } else if (FINISH.has(method) && result === "true") {
      this.terminated = true;
      this.stopAutocommit();
      void this.commit(true).then(() => this.events.onTerminated?.(this.navRequest));
    }
    return result;
  }

  private startAutocommit() {
    if (this.closed) {
      // Left already: what the frame writes as it unloads is sent shortly, once.
      clearTimeout(this.lateCommit);
      this.lateCommit = setTimeout(() => void this.commit(), 500);
      return;
    }
    if (this.timer || this.terminated) return;
    this.timer = setInterval(() => {
      if (this.unsaved.size) void this.commit();
    }, AUTOCOMMIT_MS);
  }

  private stopAutocommit() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Commits what is unsaved (queued after any commit under way); resolves once answered, whatever the answer. */
  commit(terminate = false): Promise<void> {
    this.chain = this.chain.then(() => this.send(terminate));
    return this.chain;
  }

  private async send(terminate: boolean) {
    if (!this.unsaved.size && !terminate) return;
    const values = Object.fromEntries(this.unsaved);
    const seq = ++this.seq;
    let answer: CommitAnswer;
    try {
      answer = await this.transport.post(this.launch.commitUrl, JSON.stringify({ seq, values, ...(terminate ? { terminate: true } : {}) }));
    } catch {
      this.events.onCommitFailed?.("failed");
      return;
    }
    if (answer.ok) {
      this.forget(values);
      this.events.onCommitted?.(answer.body?.progress ?? null);
      return;
    }
    if (answer.status === 400 && answer.body?.error === "invalid-cmi") {
      // Refused elements would be refused forever: drop them (the server logged nothing, and stored nothing), keep the rest.
      const refused = new Set((answer.body.problems ?? []).map((p) => p.element));
      for (const element of refused) this.unsaved.delete(element);
      this.events.onCommitFailed?.("refused");
      // The rest was refused with them (one bad element refuses the commit): it goes again, without them.
      if (refused.size && this.unsaved.size) await this.send(terminate);
      return;
    }
    this.events.onCommitFailed?.("failed");
  }

  private forget(values: Record<string, string>) {
    for (const [element, value] of Object.entries(values)) if (this.unsaved.get(element) === value) this.unsaved.delete(element);
  }

  /** The page is going away: what is unsaved leaves by beacon (the attempt stays open, so it resumes next time). */
  beacon(): void {
    this.stopAutocommit();
    if (!this.unsaved.size) return;
    const seq = ++this.seq;
    const sent = this.transport.beacon(this.launch.commitUrl, JSON.stringify({ seq, values: Object.fromEntries(this.unsaved) }));
    if (sent) this.unsaved.clear();
  }

  /** Leaving this SCO for another one: commit what is unsaved, then stop. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopAutocommit();
    await this.commit();
  }
}
