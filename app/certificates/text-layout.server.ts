import bidiFactory from "bidi-js";
import * as hb from "harfbuzzjs";
import { arabicFont, fonts, latinFont, type FontId, type Weight } from "./fonts.server";

/**
 * Turns one line of logical text into positioned glyphs: Unicode bidi levels
 * (bidi-js), a font per run that has its glyphs, HarfBuzz shaping per run
 * (Arabic joining, lam-alef ligatures, marks, kerning), then runs in visual
 * order. Sizes and positions are in PDF points.
 */

export type Direction = "ltr" | "rtl" | "auto";

export interface TextStyle {
  size: number;
  weight: Weight;
  /** Paragraph direction: the page's for sentences, "auto" for a name or title on its own. */
  direction: Direction;
  language: string;
}

export interface ShapedGlyph {
  id: number;
  /** How far the pen moves after this glyph, and the glyph's offset from the pen. */
  advance: number;
  xOffset: number;
  yOffset: number;
}

/** The glyphs HarfBuzz made for one piece of text (a letter with its marks, a ligature). */
export interface ShapedCluster {
  text: string;
  glyphs: ShapedGlyph[];
}

export interface ShapedRun {
  font: FontId;
  /** The point size the run is set in: the line's, times the font's sizeFactor. */
  size: number;
  rtl: boolean;
  /** In visual order, as HarfBuzz returns them. */
  clusters: ShapedCluster[];
  width: number;
}

export interface ShapedLine {
  text: string;
  rtl: boolean;
  style: TextStyle;
  /** Runs in visual order, left to right. */
  runs: ShapedRun[];
  width: number;
  ascent: number;
  descent: number;
}

const bidi = bidiFactory();

function isArabicScript(cp: number): boolean {
  return (
    (cp >= 0x0600 && cp <= 0x06ff) ||
    (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0x0870 && cp <= 0x08ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  );
}

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;

type Script = "arabic" | "other" | "neutral" | "mark";

function scriptOf(ch: string): Script {
  const cp = ch.codePointAt(0)!;
  if (MARK.test(ch)) return "mark";
  if (isArabicScript(cp)) return LETTER.test(ch) ? "arabic" : "neutral";
  return LETTER.test(ch) ? "other" : "neutral";
}

/**
 * One font per UTF-16 index. Letters take their script's font; marks follow
 * their base; spaces, digits and punctuation take the font of the nearest
 * letter before them (after them at the start of a line) so that "الاسم:"
 * keeps its colon in the Arabic font. Any character the chosen font lacks
 * falls back to the other one.
 */
function assignFonts(text: string, weight: Weight, fallbackArabic: boolean): FontId[] {
  const all = fonts();
  const latin = latinFont(weight);
  const arabic = arabicFont(weight);
  const chars = Array.from(text);
  const scripts = chars.map(scriptOf);

  const strong: ("arabic" | "other" | undefined)[] = new Array(chars.length);
  let last: "arabic" | "other" | undefined;
  for (let i = 0; i < chars.length; i++) {
    const s = scripts[i];
    if (s === "arabic" || s === "other") last = s;
    strong[i] = s === "arabic" || s === "other" ? s : last;
  }
  let next: "arabic" | "other" | undefined;
  for (let i = chars.length - 1; i >= 0; i--) {
    const s = scripts[i];
    if (s === "arabic" || s === "other") next = s;
    strong[i] ??= next ?? (fallbackArabic ? "arabic" : "other");
  }

  const result: FontId[] = [];
  let previous: FontId | undefined;
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i].codePointAt(0)!;
    let id: FontId;
    if (scripts[i] === "mark" && previous) {
      id = previous;
    } else {
      id = strong[i] === "arabic" ? arabic : latin;
      if (!all[id].has(cp)) {
        const other = id === arabic ? latin : arabic;
        if (all[other].has(cp)) id = other;
      }
    }
    previous = id;
    for (let u = 0; u < chars[i].length; u++) result.push(id);
  }
  return result;
}

interface LogicalRun {
  start: number;
  end: number;
  level: number;
  font: FontId;
}

function logicalRuns(text: string, levels: Uint8Array, fontIds: FontId[]): LogicalRun[] {
  const runs: LogicalRun[] = [];
  for (let i = 0; i < text.length; i++) {
    const current = runs[runs.length - 1];
    if (current && current.level === levels[i] && current.font === fontIds[i]) {
      current.end = i + 1;
    } else {
      runs.push({ start: i, end: i + 1, level: levels[i], font: fontIds[i] });
    }
  }
  return runs;
}

/** Rule L2 of UAX #9, on whole runs: reverse every sequence at or above each odd level. */
function visualOrder<T extends { level: number }>(runs: T[]): T[] {
  const order = runs.slice();
  if (order.length === 0) return order;
  const highest = Math.max(...order.map((r) => r.level));
  const lowestOdd = Math.min(...order.map((r) => (r.level % 2 ? r.level : r.level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if (order[i].level >= level) {
        let j = i;
        while (j < order.length && order[j].level >= level) j++;
        const reversed = order.slice(i, j).reverse();
        order.splice(i, j - i, ...reversed);
        i = j;
      } else {
        i++;
      }
    }
  }
  return order;
}

function shapeRun(text: string, run: LogicalRun, style: TextStyle): ShapedRun {
  const font = fonts()[run.font];
  const rtl = run.level % 2 === 1;
  const buffer = new hb.Buffer();
  // The whole line goes in as context so joining at run edges is right.
  buffer.addText(text, run.start, run.end - run.start);
  buffer.guessSegmentProperties();
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  buffer.setLanguage(style.language);
  hb.shape(font.shaper, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();

  const starts = [...new Set(infos.map((g) => g.cluster))].sort((x, y) => x - y);
  const endOf = new Map(starts.map((c, i) => [c, starts[i + 1] ?? run.end]));
  const size = style.size * font.sizeFactor;
  const scale = size / font.unitsPerEm;
  const clusters: ShapedCluster[] = [];
  let width = 0;
  for (let i = 0; i < infos.length; i++) {
    const { cluster, codepoint } = infos[i];
    const advance = positions[i].xAdvance * scale;
    const glyph = { id: codepoint, advance, xOffset: positions[i].xOffset * scale, yOffset: positions[i].yOffset * scale };
    const previous = clusters[clusters.length - 1];
    if (i > 0 && infos[i - 1].cluster === cluster) previous.glyphs.push(glyph);
    else clusters.push({ text: text.slice(cluster, endOf.get(cluster)), glyphs: [glyph] });
    width += advance;
  }
  return { font: run.font, size, rtl, clusters, width };
}

function lineDirection(text: string, direction: Direction): "ltr" | "rtl" {
  if (direction !== "auto") return direction;
  return bidi.getEmbeddingLevels(text).paragraphs[0]?.level === 1 ? "rtl" : "ltr";
}

export function shapeLine(input: string, style: TextStyle): ShapedLine {
  // Names typed on phones may arrive decomposed (e + U+0301): compose them so
  // each letter maps to one glyph and extracts as the same text.
  const text = input.normalize("NFC").replace(/\s+/g, " ").trim();
  const dir = lineDirection(text, style.direction);
  const { levels } = bidi.getEmbeddingLevels(text, dir);
  const runs = visualOrder(logicalRuns(text, levels, assignFonts(text, style.weight, dir === "rtl"))).map((run) =>
    shapeRun(text, run, style),
  );
  const latin = fonts()[latinFont(style.weight)];
  const metrics = runs.length
    ? runs.map((r) => ({ font: fonts()[r.font], size: r.size }))
    : [{ font: latin, size: style.size }];
  return {
    text,
    rtl: dir === "rtl",
    style,
    runs,
    width: runs.reduce((sum, r) => sum + r.width, 0),
    ascent: Math.max(...metrics.map(({ font, size }) => (font.ascender / font.unitsPerEm) * size)),
    descent: Math.max(...metrics.map(({ font, size }) => (-font.descender / font.unitsPerEm) * size)),
  };
}

/** Greedy wrapping at spaces, measuring each candidate line as it will be drawn. */
export function wrapText(text: string, style: TextStyle, maxWidth: number): ShapedLine[] {
  const words = text.normalize("NFC").split(/\s+/).filter(Boolean);
  const lines: ShapedLine[] = [];
  let current: ShapedLine | undefined;
  for (const word of words) {
    const candidate = shapeLine(current ? `${current.text} ${word}` : word, style);
    if (!current || candidate.width <= maxWidth) {
      current = candidate;
    } else {
      lines.push(current);
      current = shapeLine(word, style);
    }
  }
  if (current) lines.push(current);
  return lines;
}

export interface FitOptions {
  maxWidth: number;
  maxLines: number;
  /** Smallest size allowed, as a share of style.size. */
  minScale: number;
}

/** Wraps, then shrinks step by step until the text fits in maxLines; null if it never does. */
export function tryFit(text: string, style: TextStyle, { maxWidth, maxLines, minScale }: FitOptions): ShapedLine[] | null {
  for (let scale = 1; scale >= minScale - 1e-9; scale -= 0.05) {
    const lines = wrapText(text, { ...style, size: style.size * scale }, maxWidth);
    if (lines.length <= maxLines && lines.every((l) => l.width <= maxWidth)) return lines;
  }
  return null;
}

/**
 * Long names and titles: the first option that fits wins (say, one line down
 * to 60 %, then two lines down to 45 %). Past the last one, the smallest size
 * is kept and any word still wider than the box is squeezed to fit on its own.
 */
export function fitText(text: string, style: TextStyle, options: FitOptions[]): ShapedLine[] {
  for (const option of options) {
    const lines = tryFit(text, style, option);
    if (lines) return lines;
  }
  const last = options[options.length - 1];
  return wrapText(text, { ...style, size: style.size * last.minScale }, last.maxWidth).map((line) =>
    line.width <= last.maxWidth
      ? line
      : shapeLine(line.text, { ...line.style, size: (line.style.size * last.maxWidth) / line.width }),
  );
}
