import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watchCourses } from "./course-watch";

let dir: string;
let close = () => {};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-watch-"));
  fs.mkdirSync(path.join(dir, "sample", "lessons"), { recursive: true });
});
afterEach(() => {
  close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe("npm run dev's watch on courses/", () => {
  it("rebuilds once when a lesson changes in a sub-folder, after the edits settle", async () => {
    let builds = 0;
    const watch = watchCourses(dir, async () => void builds++, { debounceMs: 50 });
    close = watch.close;
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, "sample", "lessons", "intro.fr.mdx"), `Version ${i}\n`);
    await settle();
    await watch.idle();
    expect(builds).toBe(1);
    fs.writeFileSync(path.join(dir, "sample", "course.yml"), "title: x\n");
    await settle();
    await watch.idle();
    expect(builds).toBe(2);
  });

  it("never overlaps builds: changes during a build run exactly one more; editor swap files are ignored", async () => {
    let builds = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    let release = () => {};
    const watch = watchCourses(
      dir,
      async () => {
        builds++;
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        await new Promise<void>((resolve) => (release = resolve));
        concurrent--;
      },
      { debounceMs: 20 },
    );
    close = watch.close;
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await settle(20);
    };
    fs.writeFileSync(path.join(dir, "sample", "lessons", ".intro.fr.mdx.swp"), "x");
    await settle(150);
    expect(builds).toBe(0);
    fs.writeFileSync(path.join(dir, "sample", "lessons", "intro.fr.mdx"), "One\n");
    await until(() => builds === 1);
    // The first build is still running: these two edits make one more build, after it.
    fs.writeFileSync(path.join(dir, "sample", "lessons", "intro.fr.mdx"), "Two\n");
    await settle(100);
    fs.writeFileSync(path.join(dir, "sample", "lessons", "intro.en.mdx"), "Three\n");
    await settle(100);
    expect(builds).toBe(1);
    release();
    await until(() => builds === 2);
    release();
    await watch.idle();
    expect(builds).toBe(2);
    expect(maxConcurrent).toBe(1);
  });
});
