import type { Locale } from "~/i18n/locales";
import type { Segment } from "./types";

/**
 * How long a lesson takes to study, estimated by the course build and kept in
 * the manifest: its words at the language's reading speed, plus time for each
 * quiz question and each assignment it holds. Why these numbers:
 * docs/decisions/019-lesson-media-and-reading-time.md.
 */
export const WORDS_PER_MINUTE: Record<Locale, number> = { en: 200, fr: 180, ar: 120 };
export const MINUTES_PER_QUIZ_QUESTION = 1;
export const MINUTES_PER_ASSIGNMENT = 20;

const BLOCK_TAG = /<\/?(?:p|li|ul|ol|h[1-6]|table|thead|tbody|tr|td|th|div|br|hr|figure|figcaption|details|summary|aside|blockquote|pre|dl|dt|dd)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The text a reader reads in rendered lesson HTML: no tags, no attributes (alt text is not read on the page). */
export function textOfHtml(html: string): string {
  return html
    .replace(BLOCK_TAG, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") return String.fromCodePoint(name[1].toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

const segmenters = new Map<Locale, Intl.Segmenter>();

/**
 * Words as the language's own rules split them (Unicode word boundaries):
 * "l'homme" is one word, an Arabic word with its attached conjunction and
 * article is one, punctuation and symbols are none.
 */
export function countWords(text: string, lang: Locale): number {
  let segmenter = segmenters.get(lang);
  if (!segmenter) segmenters.set(lang, (segmenter = new Intl.Segmenter(lang, { granularity: "word" })));
  let words = 0;
  for (const part of segmenter.segment(text)) if (part.isWordLike) words++;
  return words;
}

export type LessonTimeInput = {
  segments: Segment[];
  lang: Locale;
  /** Questions a learner answers in one attempt of the quiz with this id (0 when unknown). */
  quizQuestions: (quizId: string) => Promise<number>;
};

/** Whole minutes, at least 1. */
export async function lessonMinutes({ segments, lang, quizQuestions }: LessonTimeInput): Promise<number> {
  let words = 0;
  let extra = 0;
  for (const segment of segments) {
    if (segment.type === "html") words += countWords(textOfHtml(segment.html), lang);
    else if (segment.kind === "quiz" && typeof segment.props.id === "string") {
      extra += MINUTES_PER_QUIZ_QUESTION * (await quizQuestions(segment.props.id));
    } else if (segment.kind === "assignment") extra += MINUTES_PER_ASSIGNMENT;
  }
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE[lang]) + extra);
}
