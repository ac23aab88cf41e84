import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import {
  catalogueFrom,
  kindRootsFrom,
  memoFacts,
  reachable,
  undeclaredUses,
  type FileFacts,
} from "../../tests/setup/i18n-usage";
import { catalogs } from "./catalog";

/**
 * Every page is sent `common` plus the namespaces its matched routes declare
 * (`export const handle: I18nHandle = { i18n: [...] }`), and a lesson the
 * namespaces of the island kinds it contains (docs/decisions/028). A key
 * whose namespace was not sent shows as the raw key, so this reads the code
 * each route reaches and fails on any namespace it uses without declaring.
 */

const APP = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const catalogue = catalogueFrom(catalogs.fr);
const factsOf = memoFacts(APP, catalogue);
const routeFiles = [
  path.join(APP, "root.tsx"),
  ...fs
    .readdirSync(path.join(APP, "routes"))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
    .map((f) => path.join(APP, "routes", f)),
];
const kinds = [...new Map(routeFiles.flatMap((r) => kindRootsFrom(r, factsOf)).map((k) => [k.target, k])).values()];
const rel = (file: string) => path.relative(APP, file);
const describeViolations = (vs: ReturnType<typeof undeclaredUses>) =>
  vs.map((v) => `${rel(v.root)} does not declare "${v.namespace}", used in ${rel(v.file)} (${v.keys.join(", ")})`);

describe("each route declares the message namespaces it uses", () => {
  test.each(routeFiles.map((f) => [rel(f), f]))("%s", (_name, file) => {
    expect(describeViolations(undeclaredUses(file, ["common"], factsOf))).toEqual([]);
  });

  test("the lesson island kinds are found and each declares what its component uses", () => {
    expect(kinds.map((k) => rel(k.target)).sort()).toEqual(
      expect.arrayContaining(["learning/assignment/assignment-island.tsx", "learning/quiz/quiz-island.tsx"]),
    );
    for (const kind of kinds) {
      const violations = undeclaredUses(kind.target, ["common", ...kind.declared], factsOf);
      expect(describeViolations(violations), rel(kind.declaredIn)).toEqual([]);
    }
  });

  test("no route declares a namespace nothing it renders uses (each one costs every visit bytes)", () => {
    const unused = routeFiles.flatMap((file) => {
      const used = new Set([...reachable(file, factsOf)].flatMap((f) => [...factsOf(f).uses.keys()]));
      return (factsOf(file).declared ?? []).filter((ns) => !used.has(ns)).map((ns) => `${rel(file)}: "${ns}"`);
    });
    expect(unused).toEqual([]);
  });
});

describe("the check itself, on a fixture app", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-i18n-check-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write(
    "routes/page.tsx",
    `import { Widget } from "~/ui/widget";
     import type { Only } from "./types-only";
     import { load } from "./data.server";
     export const handle: I18nHandle = { i18n: ["learning"] };
     export default function Page() { return <p>{t("learning.lesson.toc")}<Widget /></p>; }`,
  );
  write("routes/types-only.tsx", `export type Only = string; const x = t("reports.title");`);
  write("routes/data.server.ts", `export const load = () => serverT("mail.footer");`);
  write("ui/widget.tsx", `export function Widget() { const { t } = useI18n(); return t(\`courses.language.\${"fr"}\`); }`);
  write(
    "kinds/thing-kind.tsx",
    `export const thingKind = { name: "thing", component: lazy(() => import("./thing-island")), i18n: ["quiz"] };`,
  );
  write("kinds/thing-island.tsx", `export default () => [t("quiz.panel.label"), t("assignment.panel.unavailable")];`);
  write("routes/lesson.tsx", `import { thingKind } from "../kinds/thing-kind"; export const handle = { i18n: ["learning"] }; t("learning.lesson.toc");`);
  const fixtureFacts: (file: string) => FileFacts = memoFacts(dir, catalogue);
  const at = (file: string) => path.join(dir, file);

  test("a namespace used by an imported component and not declared is reported, with its template-literal key", () => {
    const violations = undeclaredUses(at("routes/page.tsx"), ["common"], fixtureFacts);
    expect(violations.map((v) => [v.namespace, path.relative(dir, v.file), v.keys])).toEqual([["courses", "ui/widget.tsx", ["courses.language.…"]]]);
  });

  test("type-only imports and server modules are not followed", () => {
    const files = [...reachable(at("routes/page.tsx"), fixtureFacts)].map((f) => path.relative(dir, f)).sort();
    expect(files).toEqual(["routes/page.tsx", "ui/widget.tsx"]);
  });

  test("declaring the namespace makes the route pass", () => {
    write("routes/page-fixed.tsx", fs.readFileSync(at("routes/page.tsx"), "utf8").replace(`["learning"]`, `["learning", "courses"]`));
    expect(undeclaredUses(at("routes/page-fixed.tsx"), ["common"], fixtureFacts)).toEqual([]);
  });

  test("an island kind is checked against its own declaration, not the route's", () => {
    expect(undeclaredUses(at("routes/lesson.tsx"), ["common"], fixtureFacts)).toEqual([]);
    const [kind] = kindRootsFrom(at("routes/lesson.tsx"), fixtureFacts);
    expect(kind.declared).toEqual(["quiz"]);
    const violations = undeclaredUses(kind.target, ["common", ...kind.declared], fixtureFacts);
    expect(violations.map((v) => [v.namespace, v.keys])).toEqual([["assignment", ["assignment.panel.unavailable"]]]);
  });
});
