/**
 * patches/@remix-run+router+*.patch (decisions 033 and 034): the server's route matching keeps each routes array's
 * ranked branches, each compiled path pattern and each pathname's matches instead of rebuilding them on every call. Loaded the way
 * @remix-run/server-runtime loads it (require: the CommonJS build the patch changes).
 */
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import type * as Router from "@remix-run/router";

const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as typeof Router;

type Route = Router.AgnosticRouteObject;

function appRoutes(prefix: string): Route[] {
  return [
    {
      id: `${prefix}root`,
      path: "",
      children: [
        { id: `${prefix}index`, index: true },
        { id: `${prefix}courses`, path: "courses" },
        { id: `${prefix}courses.new`, path: "courses/new" },
        { id: `${prefix}course`, path: "courses/:slug" },
        { id: `${prefix}lesson`, path: "courses/:slug/:lesson" },
        { id: `${prefix}verify`, path: "verify/:code?" },
        { id: `${prefix}Admin`, path: "ADMIN", caseSensitive: true },
        { id: `${prefix}splat`, path: "*" },
      ],
    },
  ];
}

const RealRegExp = globalThis.RegExp;
let constructed = 0;
/** Counts `new RegExp(…)`, which compiling a route path does once per pattern (literals do not go through it). */
function countRegExps() {
  constructed = 0;
  globalThis.RegExp = new Proxy(RealRegExp, {
    construct(target, args: ConstructorParameters<RegExpConstructor>) {
      constructed++;
      return new target(...args);
    },
  });
}
afterEach(() => {
  globalThis.RegExp = RealRegExp;
});

const leaf = (routes: Route[], path: string) => {
  const matches = matchRoutes(routes, path);
  const last = matches?.at(-1);
  return last ? { id: last.route.id, params: last.params } : null;
};

describe("route matching with the kept branches and patterns", () => {
  it("compiles a routes array's patterns on the first match only", () => {
    const routes = appRoutes("first-");
    const paths = ["/courses/anti-trafficking/what-is-trafficking", "/courses", "/verify/x", "/nowhere"];
    countRegExps();
    const first = paths.map((path) => leaf(routes, path));
    const afterFirst = constructed;
    const again = paths.map((path) => leaf(routes, path));
    expect(afterFirst).toBeGreaterThan(0);
    expect(constructed).toBe(afterFirst);
    expect(again).toEqual(first);
    expect(first[0]).toEqual({ id: "first-lesson", params: { slug: "anti-trafficking", lesson: "what-is-trafficking" } });
    expect(first.slice(1).map((match) => match?.id)).toEqual(["first-courses", "first-verify", "first-splat"]);
  });

  it("ranks and matches as before: static beats dynamic, optional and splat segments, case sensitivity", () => {
    const routes = appRoutes("");
    expect(leaf(routes, "/")?.id).toBe("index");
    expect(leaf(routes, "/courses/new")?.id).toBe("courses.new");
    expect(leaf(routes, "/courses/newer")).toMatchObject({ id: "course", params: { slug: "newer" } });
    expect(leaf(routes, "/verify")).toEqual({ id: "verify", params: {} });
    expect(leaf(routes, "/verify/AB12-CD34")).toMatchObject({ id: "verify", params: { code: "AB12-CD34" } });
    expect(leaf(routes, "/COURSES")?.id).toBe("courses");
    expect(leaf(routes, "/ADMIN")?.id).toBe("Admin");
    expect(leaf(routes, "/admin")).toMatchObject({ id: "splat", params: { "*": "admin" } });
    expect(leaf(routes, "/courses/a/b/c")).toMatchObject({ id: "splat", params: { "*": "courses/a/b/c" } });
  });

  it("answers each routes array with its own route objects, even for the same paths", () => {
    const a = appRoutes("a-");
    const b = appRoutes("b-");
    expect(leaf(a, "/courses/x")?.id).toBe("a-course");
    expect(leaf(b, "/courses/x")?.id).toBe("b-course");
    expect(matchRoutes(b, "/courses/x")?.at(-1)?.route).toBe(b[0]!.children![3]);
  });

  it("keeps the matches of a pathname, and gives every caller match objects and params of its own", () => {
    const routes = appRoutes("kept-");
    const first = matchRoutes(routes, "/courses/anti-trafficking/what-is-trafficking")!;
    // Matching a pathname begins by decoding each of its segments: a kept answer skips that and the whole scan.
    const decode = globalThis.decodeURIComponent;
    let decoded = 0;
    globalThis.decodeURIComponent = (value: string) => (decoded++, decode(value));
    let second: typeof first;
    try {
      second = matchRoutes(routes, "/courses/anti-trafficking/what-is-trafficking")!;
      expect(decoded).toBe(0);
      matchRoutes(routes, "/courses/anti-trafficking/another-lesson");
      expect(decoded, "a new pathname is matched in full").toBeGreaterThan(0);
    } finally {
      globalThis.decodeURIComponent = decode;
    }
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second[1]).not.toBe(first[1]);
    // One params object per answer, shared by its matches, as matchRouteBranch builds it.
    expect(second[0]!.params).toBe(second[1]!.params);
    expect(second[1]!.params).not.toBe(first[1]!.params);
    (first[1]!.params as Record<string, string>).slug = "changed by a loader";
    expect(matchRoutes(routes, "/courses/anti-trafficking/what-is-trafficking")!.at(-1)!.params.slug).toBe("anti-trafficking");
    expect(matchRoutes(routes, "/courses/other/what-is-trafficking")!.at(-1)!.params).toEqual({ slug: "other", lesson: "what-is-trafficking" });
    expect(matchRoutes(routes, "/nowhere-at-all")?.at(-1)?.route.id).toBe("kept-splat");
  });

  it("still answers right after thousands of made-up pathnames", () => {
    const routes = appRoutes("scan-");
    for (let i = 0; i < 5000; i++) matchRoutes(routes, `/courses/c${i}/l${i}`);
    expect(leaf(routes, "/courses/c1/l2")).toEqual({ id: "scan-lesson", params: { slug: "c1", lesson: "l2" } });
    expect(leaf(routes, "/verify")?.id).toBe("scan-verify");
  });
});
