import { describe, expect, test } from "vitest";
import { checkEntryName } from "./entry-names";

describe("checkEntryName", () => {
  test("plain relative names pass, folders keep their flag", () => {
    expect(checkEntryName("sco1/index.html")).toEqual({ ok: true, path: "sco1/index.html", directory: false });
    expect(checkEntryName("sco1/images/")).toEqual({ ok: true, path: "sco1/images", directory: true });
    expect(checkEntryName("دروس/مقدمة.html")).toEqual({ ok: true, path: "دروس/مقدمة.html", directory: false });
    expect(checkEntryName("..hidden/a..b.html").ok).toBe(true);
  });

  test.each(["", "/", "../a", "a/../../b", "/abs", "C:/x", "C:\\x", "a\\b", "a//b", "./a", "a/./b", "a\u0000b", "a\nb", "x:stream"])("refuses %j", (name) => {
    expect(checkEntryName(name).ok).toBe(false);
  });
});
