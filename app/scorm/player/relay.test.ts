import { describe, expect, it, vi } from "vitest";
import { comesFrom, relayScormCalls, type Played } from "./relay";
import type { ScormSession } from "./session";

/** Windows as the relay sees them: parent and opener links, and postMessage. */
type FakeWindow = { parent: FakeWindow; opener: FakeWindow | null; postMessage: ReturnType<typeof vi.fn> };
function fakeWindow(parent?: FakeWindow, opener: FakeWindow | null = null): FakeWindow {
  const w = { opener, postMessage: vi.fn() } as unknown as FakeWindow;
  w.parent = parent ?? w;
  return w;
}

describe("which windows the player answers", () => {
  const top = fakeWindow();
  const frame = fakeWindow(top);
  const child = fakeWindow(frame);
  const grandchild = fakeWindow(child);
  const popup = fakeWindow(undefined, child);
  const elsewhere = fakeWindow(top);

  it("its package frame, the frame's frames, and pop-ups they opened", () => {
    for (const w of [frame, child, grandchild, popup]) expect(comesFrom(w, frame as unknown as Window)).toBe(true);
  });

  it("no other window: the page itself, another frame, nothing", () => {
    for (const w of [top, elsewhere, null, undefined, {}]) expect(comesFrom(w, frame as unknown as Window)).toBe(false);
    expect(comesFrom(child, null)).toBe(false);
  });

  it("turns a message into a call on the session of the frame it came from, and answers it there", () => {
    const listeners: ((e: MessageEvent) => void)[] = [];
    const win = { addEventListener: (_: string, f: (e: MessageEvent) => void) => listeners.push(f), removeEventListener: vi.fn() } as unknown as Window;
    const call = vi.fn(() => "true");
    const played: Played[] = [{ frame: frame as unknown as Window, session: { call } as unknown as ScormSession }];
    relayScormCalls(win, () => played);
    const send = (source: unknown, data: unknown) => listeners.forEach((f) => f({ source, data } as MessageEvent));

    send(child, { messageId: "m1", method: "LMSSetValue", params: ["cmi.core.lesson_location", "p2"] });
    expect(call).toHaveBeenCalledWith("LMSSetValue", ["cmi.core.lesson_location", "p2"]);
    expect(child.postMessage).toHaveBeenCalledWith({ messageId: "m1", result: "true" }, "*");

    send(elsewhere, { messageId: "m2", method: "LMSSetValue", params: ["cmi.core.lesson_status", "passed"] });
    send(frame, { method: "LMSCommit" });
    send(frame, "LMSFinish");
    expect(call).toHaveBeenCalledTimes(1);
    expect(elsewhere.postMessage).not.toHaveBeenCalled();

    send(frame, { messageId: "h", method: "__heartbeat__", params: [], isHeartbeat: true });
    expect(frame.postMessage).toHaveBeenCalledWith({ messageId: "h", isHeartbeat: true }, "*");
    call.mockImplementationOnce(() => {
      throw new Error("Method not allowed: eval");
    });
    send(frame, { messageId: "m3", method: "eval", params: [] });
    expect(frame.postMessage).toHaveBeenLastCalledWith({ messageId: "m3", error: { message: "Method not allowed: eval", code: "101" } }, "*");
  });
});
