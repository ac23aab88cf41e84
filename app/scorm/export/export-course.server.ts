import fs from "node:fs/promises";
import path from "node:path";
import { type Manifest, MANIFEST_FORMAT, manifestPath, readLessonEntry } from "~/catalog/cache.server";
import { courseDocument } from "~/catalog/documents.server";
import { MEDIA_DIR } from "~/catalog/media-files.server";
import { lessonsInOrder, textIn } from "~/catalog/outline";
import type { Segment } from "~/catalog/types";
import { messagesFor } from "~/i18n/catalog";
import { LOCALES, type Locale } from "~/i18n/locales";
import { translate, type TParams } from "~/i18n/translate";
import type { Quiz } from "~/learning/quiz/definition.server";
import { QUIZ_ISLAND } from "~/learning/quiz/quiz-kind";
import { PACKAGE_CSS } from "./package-css";
import type { PackageConfig, PackageQuiz } from "./package-quiz";
import { escapeHtml, packageQuiz, quizHtml } from "./quiz-html.server";
import { packageRuntime } from "./runtime-bundle.server";
import { writeZip, type ZipFile } from "./zip-writer.server";

/**
 * Exports one built course (the cache of `npm run courses:build`, never
 * courses/) in one language as a SCORM 1.2 package: one SCO launched from
 * index.html holding every lesson and quiz (decision 027), its media, a
 * stylesheet and runtime.js, which grades the quizzes in the browser. Nothing
 * depends on the clock, so the same cache gives the same bytes.
 */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

export type ExportEvent = { type: "lesson"; lessonId: string; done: number; total: number };
export type ExportSummary = { lessons: number; quizzes: number; assignments: number; files: number; bytes: number };
export type ExportResult = { zip: Buffer; summary: ExportSummary; files: string[] };

const escapeXml = escapeHtml;

/** The catalogue keys runtime.js shows (quiz results and moves, notices): only these travel in the package. */
const RUNTIME_MESSAGE_PREFIXES = ["quiz.result.", "quiz.panel.", "quiz.attempt.moved", "scorm.export."];

async function readManifest(cacheDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await fs.readFile(manifestPath(cacheDir), "utf8");
  } catch {
    throw new ExportError(`No built course cache in ${cacheDir}: run \`npm run courses:build\` first.`);
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) throw new ExportError(`The course cache in ${cacheDir} has an old format: run \`npm run courses:build\`.`);
  return manifest;
}

function imsManifest(slug: string, lang: Locale, title: string, masteryScore: number | null): string {
  const mastery = masteryScore === null ? "" : `\n        <adlcp:masteryscore>${masteryScore}</adlcp:masteryscore>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="tadrib.${slug}.${lang}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-${slug}">
    <organization identifier="org-${slug}">
      <title>${escapeXml(title)}</title>
      <item identifier="item-${slug}" identifierref="sco-${slug}" isvisible="true">
        <title>${escapeXml(title)}</title>${mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-${slug}" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="runtime.js"/>
      <file href="style.css"/>
    </resource>
  </resources>
</manifest>
`;
}

export async function exportCourse({
  cacheDir,
  slug,
  lang,
  onEvent,
}: {
  cacheDir: string;
  slug: string;
  lang: string;
  onEvent?: (event: ExportEvent) => void;
}): Promise<ExportResult> {
  if (!(LOCALES as readonly string[]).includes(lang)) throw new ExportError(`Unknown language "${lang}": use one of ${LOCALES.join(", ")}.`);
  const locale = lang as Locale;
  const manifest = await readManifest(cacheDir);
  const course = manifest.courses.find((c) => c.slug === slug);
  if (!course) throw new ExportError(`No course "${slug}" in the built cache (courses: ${manifest.courses.map((c) => c.slug).join(", ")}).`);
  if (!course.definition.languages.includes(locale)) {
    throw new ExportError(`Course "${slug}" is not written in "${lang}" (it is in ${course.definition.languages.join(", ")}).`);
  }
  const messages = messagesFor(locale);
  const tr = (key: string, params?: TParams) => translate(messages, locale, key, params);
  const t = (key: string) => tr(`scorm.export.${key}`);
  const documentQuizzes = ((await courseDocument(course, cacheDir).catch(() => null))?.entries[QUIZ_ISLAND] ?? {}) as unknown as Record<string, Quiz>;
  const minScores = new Map((course.definition.completion.quizzes ?? []).map((q) => [q.id, q.minScore]));
  const packaged: Record<string, PackageQuiz> = {};
  const definition = course.definition;
  const title = textIn(definition.title, locale);
  const ordered = lessonsInOrder(definition);
  const lessonTitle = (id: string) => textIn(definition.modules.flatMap((m) => m.lessons).find((l) => l.id === id)?.title ?? {}, locale);

  const media = new Set<string>();
  let quizzes = 0;
  let assignments = 0;
  const renderSegment = (segment: Segment): string => {
    if (segment.type === "html") return segment.html.replace(/(["'(])\/media\//g, `$1${MEDIA_DIR}/`);
    if (segment.kind === QUIZ_ISLAND) {
      const id = String(segment.props.id);
      const quiz = Object.prototype.hasOwnProperty.call(documentQuizzes, id) ? documentQuizzes[id] : null;
      if (!quiz) throw new ExportError(`Quiz ${slug}/${id} is missing from the course document: run \`npm run courses:build\`.`);
      quizzes++;
      packaged[id] = packageQuiz(quiz, slug, locale, minScores.get(id));
      return quizHtml(packaged[id].view, tr);
    }
    assignments++;
    return `<p class="island-note">${escapeHtml(t("assignmentOnPlatform"))}</p>`;
  };
  const sections: string[] = [];
  for (const [index, lesson] of ordered.entries()) {
    const key = course.lessons[lesson.id]?.[locale];
    const entry = key ? await readLessonEntry(cacheDir, key) : null;
    if (!entry) throw new ExportError(`Lesson ${slug}/${lesson.id} (${lang}) is missing from the cache: run \`npm run courses:build\`.`);
    for (const name of entry.media ?? []) media.add(name);
    const previous = ordered[index - 1];
    const next = ordered[index + 1];
    const pager = [
      previous ? `<a rel="prev" href="#lesson-${previous.id}">${escapeHtml(t("previous"))}: ${escapeHtml(lessonTitle(previous.id))}</a>` : "<span></span>",
      next ? `<a rel="next" href="#lesson-${next.id}">${escapeHtml(t("next"))}: ${escapeHtml(lessonTitle(next.id))}</a>` : "<span></span>",
    ].join("");
    sections.push(
      `<section class="lesson" id="lesson-${lesson.id}" aria-labelledby="title-${lesson.id}"${index === 0 ? "" : " hidden"}>
<h2 id="title-${lesson.id}">${escapeHtml(lessonTitle(lesson.id))}</h2>
${entry.segments.map(renderSegment).join("\n")}
<nav class="pager" aria-label="${escapeHtml(t("contents"))}">${pager}</nav>
</section>`,
    );
    onEvent?.({ type: "lesson", lessonId: lesson.id, done: index + 1, total: ordered.length });
  }
  const required = definition.completion.lessons === "all" ? ordered.map((l) => l.id) : definition.completion.lessons;
  const requiredQuizzes = definition.completion.quizzes ?? [];
  const config: PackageConfig = {
    lang: locale,
    lessons: ordered.map((l) => l.id),
    required,
    deciding: requiredQuizzes.map((q) => q.id).filter((id) => id in packaged),
    quizzes: packaged,
    messages: Object.fromEntries(Object.entries(messages).filter(([key]) => RUNTIME_MESSAGE_PREFIXES.some((p) => key.startsWith(p)))),
  };
  // One deciding quiz: an LMS may judge passed/failed from the score itself, with the same threshold.
  const masteryScore = config.deciding.length === 1 ? packaged[config.deciding[0]].quiz.settings.passingScore : null;
  const toc = definition.modules
    .map((m) => `<li>${escapeHtml(textIn(m.title, locale))}<ol>${m.lessons.map((l) => `<li><a href="#lesson-${l.id}">${escapeHtml(textIn(l.title, locale))}</a></li>`).join("")}</ol></li>`)
    .join("");
  const dir = locale === "ar" ? "rtl" : "ltr";
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<p id="no-tracking" class="notice" hidden>${escapeHtml(t("noTracking"))}</p>
<header><h1>${escapeHtml(title)}</h1>
<nav class="toc" aria-label="${escapeHtml(t("contents"))}"><ol>${toc}</ol></nav></header>
<main>
${sections.join("\n")}
</main>
<script type="application/json" id="tadrib-package">${JSON.stringify(config).replace(/</g, "\\u003c")}</script>
<script src="runtime.js"></script>
</body>
</html>
`;
  const files: ZipFile[] = [
    { name: "imsmanifest.xml", data: Buffer.from(imsManifest(slug, locale, title, masteryScore)) },
    { name: "index.html", data: Buffer.from(html) },
    { name: "runtime.js", data: Buffer.from(await packageRuntime()) },
    { name: "style.css", data: Buffer.from(PACKAGE_CSS) },
  ];
  for (const name of [...media].sort()) files.push({ name: `${MEDIA_DIR}/${name}`, data: await fs.readFile(path.join(cacheDir, MEDIA_DIR, name)) });
  const zip = writeZip(files);
  return {
    zip,
    files: files.map((f) => f.name),
    summary: { lessons: ordered.length, quizzes, assignments, files: files.length, bytes: zip.length },
  };
}
