import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { watchCourses } from "./courses-watch";

let dir: string;
let stop: (() => void) | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-watch-"));
  fs.mkdirSync(path.join(dir, "c", "lessons"), { recursive: true });
});
afterEach(() => {
  stop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await sleep(20);
}

test("saving a lesson twice rebuilds once; a save during a build rebuilds once more after it", async () => {
  const builds: { started: number; finished?: number }[] = [];
  let release: (() => void) | undefined;
  stop = watchCourses(
    dir,
    () =>
      new Promise<void>((resolve) => {
        const build: { started: number; finished?: number } = { started: Date.now() };
        builds.push(build);
        release = () => {
          build.finished = Date.now();
          resolve();
        };
      }),
    50,
  );
  const lesson = path.join(dir, "c", "lessons", "intro.fr.mdx");
  fs.writeFileSync(lesson, "Un.\n");
  fs.writeFileSync(lesson, "Deux.\n");
  await until(() => builds.length === 1);
  expect(builds).toHaveLength(1);

  fs.writeFileSync(lesson, "Trois.\n");
  await sleep(200);
  expect(builds).toHaveLength(1);
  release!();
  await until(() => builds.length === 2);
  expect(builds).toHaveLength(2);
  expect(builds[1].started).toBeGreaterThanOrEqual(builds[0].finished!);
  release!();
  await sleep(200);
  expect(builds).toHaveLength(2);
});
