import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses, pruneCache } from "./build.server";
import { type Manifest, manifestPath, readLessonEntry } from "./cache.server";
import { courseYml, makeCoursesDir, writeCourse } from "./course-fixture.server";
import { imageSize, MEDIA_NAME, svgProblems } from "./media-files.server";

/** Lessons that show images, video and audio, built for real into a temporary cache. */

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const build = () => buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir });
const readManifest = () => JSON.parse(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")) as Manifest;

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 520 280"><rect width="520" height="280" fill="#eee"/><text x="10" y="30">Acte</text></svg>\n';

function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write("IHDR", 12, "latin1");
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(64)]);
const MP3 = Buffer.concat([Buffer.from("ID3"), Buffer.alloc(64)]);
const VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour.\n";

/** A one-lesson course in French whose lesson is `mdx`, with `files` (path → content) in its folder. */
function courseWith(mdx: string, files: Record<string, string | Buffer> = {}) {
  const yml = courseYml({
    languages: ["fr"],
    modules: [{ id: "m", title: { fr: "Module" }, lessons: [{ id: "intro", title: { fr: "Introduction" } }] }],
    title: { fr: "Cours" },
    summary: { fr: "Résumé." },
    audience: { fr: "Tous." },
  });
  const dir = writeCourse(dirs.coursesDir, "sample", yml, { "intro.fr.mdx": mdx });
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

async function lessonHtml(): Promise<string> {
  const key = readManifest().courses[0].lessons.intro.fr!;
  const entry = await readLessonEntry(dirs.cacheDir, key);
  return entry!.segments.map((s) => (s.type === "html" ? s.html : "")).join("");
}

const hashOf = (content: string | Buffer) => createHash("sha256").update(content).digest("hex").slice(0, 20);

describe("<Image> and markdown images", () => {
  test("the file is copied under its content hash and the page gets a figure with alt, size, lazy loading and a caption", async () => {
    courseWith('Avant.\n\n<Image src="images/schema.svg" alt="Acte, moyen et but" caption="La définition de Palerme." />\n\nAprès.\n', {
      "images/schema.svg": SVG,
    });
    const summary = await build();
    expect(summary.failures).toEqual([]);
    const name = `${hashOf(SVG)}.svg`;
    expect(MEDIA_NAME.test(name)).toBe(true);
    expect(fs.readFileSync(path.join(dirs.cacheDir, "media", name), "utf8")).toBe(SVG);
    const html = await lessonHtml();
    expect(html).toContain(
      `<figure class="media media-image"><img src="/media/${name}" alt="Acte, moyen et but" width="520" height="280" loading="lazy" decoding="async"/><figcaption>La définition de Palerme.</figcaption></figure>`,
    );
  });

  test("a markdown image alone in its paragraph becomes the same figure (its title is the caption), not a figure inside a <p>", async () => {
    const image = png(1200, 675);
    courseWith('![Une carte des routes](images/carte.png "Les routes en 2024")\n', { "images/carte.png": image });
    expect((await build()).failures).toEqual([]);
    const html = await lessonHtml();
    const url = `/media/${hashOf(image)}.png`;
    expect(html).toBe(
      `<figure class="media media-image"><img src="${url}" alt="Une carte des routes" width="1200" height="675" loading="lazy" decoding="async" srcSet="${url} 1200w" sizes="(min-width: 46rem) 46rem, 100vw"/><figcaption>Les routes en 2024</figcaption></figure>`,
    );
  });

  test("width and height come from the file: SVG width/height (else its viewBox), PNG and JPEG headers", () => {
    expect(imageSize("svg", Buffer.from(SVG))).toEqual({ width: 520, height: 280 });
    expect(imageSize("svg", Buffer.from('<svg viewBox="0 0 360 404" width="540" height="606"></svg>'))).toEqual({ width: 540, height: 606 });
    expect(imageSize("svg", Buffer.from('<svg viewBox="0 0 360 404" width="100%" height="100%"></svg>'))).toEqual({ width: 360, height: 404 });
    expect(imageSize("svg", Buffer.from('<svg width="300px" height="150" xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ width: 300, height: 150 });
    expect(imageSize("png", png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize("jpg", jpeg(800, 533))).toEqual({ width: 800, height: 533 });
  });

  test.each([
    ["a missing file", '<Image src="images/absent.svg" alt="x" />', {}, /intro\.fr\.mdx: <Image src>: "images\/absent\.svg": no such file/],
    ["an empty alt", '<Image src="images/a.svg" alt="  " />', { "images/a.svg": SVG }, /intro\.fr\.mdx: <Image> needs a non-empty alt text/],
    ["no alt at all", '<Image src="images/a.svg" />', { "images/a.svg": SVG }, /<Image> needs a non-empty alt text/],
    ["an empty markdown alt", "![](images/a.svg)\n", { "images/a.svg": SVG }, /intro\.fr\.mdx: <!\[alt\]\(…\)> needs a non-empty alt text/],
    ["an image inside a sentence", "Voir ![le schéma](images/a.svg) ci-dessous.", { "images/a.svg": SVG }, /an image must stand on its own line/],
    ["a disallowed type", '<Image src="images/a.gif" alt="x" />', { "images/a.gif": "GIF89a" }, /"images\/a\.gif": a image must be \.png, \.jpg, \.jpeg, \.webp, \.svg/],
    ["a path outside the course", '<Image src="../other/a.svg" alt="x" />', {}, /write a path inside the course folder/],
    ["a PNG that is not one", '<Image src="images/a.png" alt="x" />', { "images/a.png": "<html>" }, /"images\/a\.png": the file is not a \.png file/],
    ["an SVG with a script", '<Image src="images/a.svg" alt="x" />', { "images/a.svg": SVG.replace("<rect", "<script>alert(1)</script><rect") }, /the SVG contains a <script> element/],
    ["an SVG with an event handler", '<Image src="images/a.svg" alt="x" />', { "images/a.svg": SVG.replace("<rect", '<rect onload="alert(1)"') }, /the SVG has an event handler attribute \(onload=\)/],
    [
      "an SVG linking outside itself",
      '<Image src="images/a.svg" alt="x" />',
      { "images/a.svg": SVG.replace("<rect", '<image href="https://evil.example/x.png"/><rect') },
      /the SVG links outside itself \(href="https:\/\/evil\.example\/x\.png"\)/,
    ],
  ])("the build fails, naming the lesson, on %s", async (_label, mdx, files, message) => {
    courseWith(`Texte.\n\n${mdx}\n`, files as Record<string, string>);
    const summary = await build();
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]).toMatch(/^courses\/sample\/lessons\/intro\.fr\.mdx: /);
    expect(summary.failures[0]).toMatch(message);
    expect(fs.existsSync(manifestPath(dirs.cacheDir))).toBe(false);
  });

  test("what makes an SVG unsafe, and what does not", () => {
    expect(svgProblems(SVG)).toEqual([]);
    expect(svgProblems('<svg><marker id="m"/><line marker-end="url(#m)"/><use href="#m"/></svg>')).toEqual([]);
    expect(svgProblems('<svg><use xlink:href="data:image/svg+xml,..."/></svg>')).toHaveLength(1);
    expect(svgProblems('<svg><rect style="fill: url(https://x.example/p)"/></svg>')).toHaveLength(1);
    expect(svgProblems("<svg><foreignObject><div/></foreignObject></svg>")).toHaveLength(1);
    expect(svgProblems('<!DOCTYPE svg [<!ENTITY x "y">]><svg/>').length).toBeGreaterThan(0);
  });

  test("changing an image renders the lesson again (new hash in the page); pruning keeps only used media", async () => {
    courseWith('<Image src="images/a.svg" alt="Schéma" />\n', { "images/a.svg": SVG });
    await build();
    const first = await lessonHtml();
    const changed = SVG.replace("Acte", "Act");
    fs.writeFileSync(path.join(dirs.coursesDir, "sample", "images/a.svg"), changed);
    const again = await build();
    expect(again.compiled).toBe(1);
    const second = await lessonHtml();
    expect(second).not.toBe(first);
    expect(second).toContain(`/media/${hashOf(changed)}.svg`);
    expect(await pruneCache(dirs.cacheDir)).toBeGreaterThanOrEqual(2); // the old lesson entry and the old image
    expect(fs.readdirSync(path.join(dirs.cacheDir, "media"))).toEqual([`${hashOf(changed)}.svg`]);
    // A deleted media folder is filled again by the next build, even though the lesson is unchanged.
    fs.rmSync(path.join(dirs.cacheDir, "media"), { recursive: true });
    expect((await build()).failures).toEqual([]);
    expect(fs.readdirSync(path.join(dirs.cacheDir, "media"))).toEqual([`${hashOf(changed)}.svg`]);
  });
});

describe("<Video> and <Audio>", () => {
  test("a video loads nothing until played, has a captions track in the lesson's language, a download link and its transcript in a <details>", async () => {
    courseWith('<Video src="media/film.mp4" captions="media/film.fr.vtt" poster="images/poster.jpg" title="Témoignage">\nUne **transcription** complète.\n</Video>\n', {
      "media/film.mp4": MP4,
      "media/film.fr.vtt": VTT,
      "images/poster.jpg": jpeg(640, 360),
    });
    expect((await build()).failures).toEqual([]);
    const html = await lessonHtml();
    const [video, vtt, poster] = [hashOf(MP4), hashOf(VTT), hashOf(jpeg(640, 360))];
    expect(html).toContain('<figure class="media media-video"><figcaption>Témoignage</figcaption>');
    expect(html).toContain(`<video controls="" preload="none" src="/media/${video}.mp4" poster="/media/${poster}.jpg" width="640" height="360">`);
    // React writes srcSet and srcLang in camel case; HTML attribute names are case-insensitive.
    expect(html).toContain(`<track kind="captions" src="/media/${vtt}.vtt" srcLang="fr" label="français" default=""/>`);
    expect(html).toMatch(new RegExp(`<a href="/media/${video}\\.mp4" download="">Télécharger la vidéo \\(0[,.]1\\s?Mo\\)</a>`));
    expect(html).toContain(
      '<details class="media-transcript"><summary>Transcription</summary><div class="media-transcript-text"><p>Une <strong>transcription</strong> complète.</p></div></details>',
    );
    for (const name of [`${video}.mp4`, `${vtt}.vtt`, `${poster}.jpg`]) expect(fs.existsSync(path.join(dirs.cacheDir, "media", name))).toBe(true);
  });

  test("a video with captions and no transcript is accepted; one with neither is refused", async () => {
    courseWith('<Video src="media/film.mp4" captions="media/film.fr.vtt" title="Témoignage" />\n', { "media/film.mp4": MP4, "media/film.fr.vtt": VTT });
    expect((await build()).failures).toEqual([]);
    courseWith('<Video src="media/film.mp4" title="Témoignage" />\n', { "media/film.mp4": MP4 });
    const summary = await build();
    expect(summary.failures).toEqual([
      expect.stringMatching(/^courses\/sample\/lessons\/intro\.fr\.mdx: <Video> needs captions="….vtt" or a transcript/),
    ]);
  });

  test.each([
    ["a video without a title", '<Video src="media/film.mp4" captions="media/film.fr.vtt" />', /<Video> needs a non-empty title/],
    ["captions that are not WebVTT", '<Video src="media/film.mp4" captions="media/bad.vtt" title="T" />', /"media\/bad\.vtt": the file is not a \.vtt file/],
    ["captions in another format", '<Video src="media/film.mp4" captions="media/film.srt" title="T" />', /a captions file must be \.vtt/],
    ["a video given an audio file", '<Video src="media/son.mp3" captions="media/film.fr.vtt" title="T" />', /a video must be \.mp4, \.webm/],
    ["an audio without a transcript", '<Audio src="media/son.mp3" captions="media/film.fr.vtt" title="T" />', /<Audio> needs a transcript/],
  ])("the build refuses %s", async (_label, mdx, message) => {
    courseWith(`${mdx}\n`, { "media/film.mp4": MP4, "media/son.mp3": MP3, "media/film.fr.vtt": VTT, "media/bad.vtt": "1\n00:00 --> 00:01\nx\n", "media/film.srt": "1" });
    const summary = await build();
    expect(summary.failures).toEqual([expect.stringMatching(message)]);
  });

  test("an audio with its transcript", async () => {
    courseWith('<Audio src="media/son.mp3" title="Entretien">\nLa transcription.\n</Audio>\n', { "media/son.mp3": MP3 });
    expect((await build()).failures).toEqual([]);
    const html = await lessonHtml();
    expect(html).toContain(`<audio controls="" preload="none" src="/media/${hashOf(MP3)}.mp3"></audio>`);
    expect(html).toContain("<summary>Transcription</summary>");
  });
});

describe("reading time in the manifest", () => {
  test("each lesson and language gets its minutes: words, plus a minute per quiz question", async () => {
    const quiz = [
      "title: { fr: Quiz }",
      "settings: { passingScore: 50, attemptsAllowed: unlimited }",
      "questions:",
      ...["a", "b", "c"].flatMap((id) => [
        `  - id: ${id}`,
        "    type: true-false",
        `    prompt: { fr: "Question ${id} ?" }`,
        "    answer: true",
      ]),
    ].join("\n");
    courseWith(`${"mot ".repeat(400)}\n\n<Quiz id="check" />\n`, { "quizzes/check.yml": quiz });
    const summary = await build();
    expect(summary.failures).toEqual([]);
    // 400 words at 180 a minute: 3 minutes, and 3 questions.
    expect(readManifest().courses[0].minutes).toEqual({ intro: { fr: 6 } });
  });
});
