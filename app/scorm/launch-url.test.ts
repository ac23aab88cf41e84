import { describe, expect, test } from "vitest";
import { resolveLaunch } from "./launch-url";

describe("resolveLaunch", () => {
  test("joins every xml:base, each read as a folder, into the href", () => {
    expect(resolveLaunch(["course/", "scos/", "one"], "start.html", null)).toEqual({ href: "course/scos/one/start.html", file: "course/scos/one/start.html" });
    expect(resolveLaunch([null, "", "  "], "start.html", null)).toEqual({ href: "start.html", file: "start.html" });
  });

  test("a base or href from the root restarts at the package's root", () => {
    expect(resolveLaunch(["course/", "/other/"], "a.html", null)?.file).toBe("other/a.html");
    expect(resolveLaunch(["course/"], "/a.html", null)?.file).toBe("a.html");
  });

  test("'..' cannot climb above the package's root", () => {
    expect(resolveLaunch(["a/"], "../../../../etc/passwd", null)?.file).toBe("etc/passwd");
  });

  test("the href stays encoded for the browser; the file is decoded to look it up in the zip", () => {
    expect(resolveLaunch([], "cours%201/d%C3%A9but.html", null)).toEqual({ href: "cours%201/d%C3%A9but.html", file: "cours 1/début.html" });
    expect(resolveLaunch([], "cours 1/début.html", null)).toEqual({ href: "cours%201/d%C3%A9but.html", file: "cours 1/début.html" });
  });

  test.each([
    ["index.html", "?a=1", "index.html?a=1"],
    ["index.html", "&a=1", "index.html?a=1"],
    ["index.html?x=0", "?a=1", "index.html?x=0&a=1"],
    ["index.html", "a=1#p2", "index.html?a=1#p2"],
    ["index.html", "#p2", "index.html#p2"],
    ["index.html#p1", "#p2", "index.html#p1"],
    ["index.html", "", "index.html"],
  ])("parameters as SCORM adds them: %s + %s", (href, parameters, expected) => {
    expect(resolveLaunch([], href, parameters)?.href).toBe(expected);
  });

  test.each(["https://example.com/x.html", "//example.com/x.html", "javascript:alert(1)", "data:text/html,<script>1</script>", "file:///etc/passwd", ""])(
    "a launch that leaves the package is null: %s",
    (href) => {
      expect(resolveLaunch([], href, null)).toBeNull();
    },
  );

  test("so is one whose base leaves it", () => {
    expect(resolveLaunch(["https://cdn.example.com/"], "x.html", null)).toBeNull();
  });
});
