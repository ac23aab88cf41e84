import { describe, expect, it } from "vitest";
import { injectFirstScript } from "./inject-script";

const TAG = `<script src="/api.js"></script>`;
const inject = (html: string) => injectFirstScript(Buffer.from(html, "utf8"), TAG).toString("utf8");

describe("injectFirstScript", () => {
  it.each([
    ["after <head>", `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><script>init()</script></head></html>`, `<!DOCTYPE html><html lang="ar" dir="rtl"><head>${TAG}<meta charset="utf-8"><script>init()</script></head></html>`],
    ["after <head> with attributes, any case", `<HTML><HEAD profile="x"><TITLE>t</TITLE>`, `<HTML><HEAD profile="x">${TAG}<TITLE>t</TITLE>`],
    ["not after <header>", `<!doctype html><header>h</header>`, `<!doctype html>${TAG}<header>h</header>`],
    ["after <html> when there is no head", `<html dir="rtl"><body onload="LMSInitialize()">`, `<html dir="rtl">${TAG}<body onload="LMSInitialize()">`],
    ["a frameset", `<html><head><title>x</title></head><frameset rows="*,0"><frame src="content.html"></frameset></html>`, `<html><head>${TAG}<title>x</title></head><frameset rows="*,0"><frame src="content.html"></frameset></html>`],
    ["before a script that comes before <head>", `<!doctype html><script>var API = findAPI(window)</script><html><head>`, `<!doctype html>${TAG}<script>var API = findAPI(window)</script><html><head>`],
    ["at the start of a fragment", `<p>plain</p><script>x()</script>`, `${TAG}<p>plain</p><script>x()</script>`],
    ["after the doctype, never before it (quirks mode)", `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd">\n<body>`, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd">${TAG}\n<body>`],
  ])("%s", (_what, html, expected) => {
    expect(inject(html)).toBe(expected);
  });

  it("keeps a UTF-8 byte-order mark first and other bytes as they are (Arabic text, Latin-1 pages)", () => {
    const arabic = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<html><head><title>الاتجار بالبشر</title>`, "utf8")]);
    const out = injectFirstScript(arabic, TAG);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.subarray(3).toString("utf8")).toBe(`<html><head>${TAG}<title>الاتجار بالبشر</title>`);
    const latin1 = Buffer.from(`<head><title>Vidéo</title>`, "latin1");
    expect(injectFirstScript(latin1, TAG).toString("latin1")).toBe(`<head>${TAG}<title>Vidéo</title>`);
  });

  it("handles UTF-16 pages in both byte orders", () => {
    const html = `<html><head><title>ع</title>`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, "utf16le")]);
    expect(injectFirstScript(le, TAG).subarray(2).toString("utf16le")).toBe(`<html><head>${TAG}<title>ع</title>`);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(html, "utf16le").swap16()]);
    const outBe = injectFirstScript(be, TAG);
    expect([...outBe.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(Buffer.from(outBe.subarray(2)).swap16().toString("utf16le")).toBe(`<html><head>${TAG}<title>ع</title>`);
  });
});
