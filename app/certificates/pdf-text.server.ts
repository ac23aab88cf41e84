import bidiFactory from "bidi-js";
import type PDFDocument from "pdfkit";
import { fonts, type FontId } from "./fonts.server";
import type { ShapedLine, ShapedRun } from "./text-layout.server";

/**
 * Draws HarfBuzz-shaped lines with pdfkit. pdfkit's own text() would lay the
 * string out again with fontkit (no bidi reordering, one font per call), so the
 * glyphs are written straight into the content stream, using pdfkit only for
 * what it does well: subsetting and embedding each font with a ToUnicode map.
 */

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's EmbeddedFont used here (not in its public typings). */
interface EmbeddedFont {
  id: string;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface DocInternals {
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown>; height: number };
}

function embedded(doc: Doc, id: FontId): EmbeddedFont {
  const name = `cert-${id}`;
  // Registered under a name so pdfkit caches one embedded font per document;
  // its family argument would instead be taken as a variation name by fontkit.
  doc.registerFont(name, fonts()[id].bytes);
  doc.font(name);
  const internals = doc as unknown as DocInternals;
  const font = internals._font;
  internals.page.fonts[font.id] ??= font.ref();
  return font;
}

function num(n: number): string {
  return (Math.round(n * 1000) / 1000).toString();
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}

/** UTF-16BE with a byte-order mark, as PDF text strings in hex. */
function pdfTextString(text: string): string {
  let out = "FEFF";
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return `<${out}>`;
}

function codePoints(text: string): number[] {
  return Array.from(text, (c) => c.codePointAt(0)!);
}

const bidi = bidiFactory();

/** Letters and marks of right-to-left scripts: what can be read as one reversed chunk. */
function isRtlWordText(text: string): boolean {
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type !== "R" && type !== "AL" && type !== "NSM") return false;
  }
  return text.length > 0;
}

interface PlacedGlyph {
  gid: number;
  x: number;
  y: number;
}

/** Glyphs that read as one piece of text. */
interface Piece {
  text: string;
  glyphs: PlacedGlyph[];
  /** Whether the glyphs' own ToUnicode entries already read as the text. */
  spelled: boolean;
}

/**
 * Groups a run's clusters into pieces. In a right-to-left run, consecutive
 * clusters of Arabic letters (a word, or the part of it between punctuation)
 * become one piece. Its text is written in visual order, like the glyphs:
 * extractors such as poppler's pdftotext read a line by position and turn its
 * right-to-left stretches around themselves, ActualText included, so a word
 * given in logical order would come out reversed (checked in pdf.server.test).
 */
function pieces(doc: Doc, run: ShapedRun, startX: number, baseline: number): { pieces: Piece[]; endX: number } {
  const font = embedded(doc, run.font);
  const loaded = fonts()[run.font];
  const out: Piece[] = [];
  let penX = startX;
  let open: Piece | undefined;
  for (const cluster of run.clusters) {
    const glyphs: PlacedGlyph[] = cluster.glyphs.map((g) => {
      const gid = font.subset.includeGlyph(g.id);
      font.widths[gid] ??= (loaded.shaper.glyphHAdvance(g.id) * 1000) / loaded.unitsPerEm;
      const placed = { gid, x: penX + g.xOffset, y: baseline + g.yOffset };
      penX += g.advance;
      return placed;
    });
    if (glyphs.length === 1) font.unicode[glyphs[0].gid] ??= codePoints(cluster.text);
    // pdfkit writes one ToUnicode entry per subset glyph, so none may stay empty;
    // a glyph only ever seen inside a larger cluster maps to nothing.
    for (const g of glyphs) font.unicode[g.gid] ??= [];
    const spelled = glyphs.length === 1 && String.fromCodePoint(...font.unicode[glyphs[0].gid]) === cluster.text;
    const piece: Piece = { text: cluster.text, glyphs, spelled };
    if (run.rtl && isRtlWordText(cluster.text)) {
      if (open) {
        // Visual order is reversed logical order in a right-to-left run.
        open.text = cluster.text + open.text;
        open.glyphs.push(...glyphs);
        open.spelled = false;
      } else {
        open = piece;
        out.push(piece);
      }
    } else {
      open = undefined;
      out.push(piece);
    }
  }
  for (const piece of out) {
    if (!piece.spelled && run.rtl && isRtlWordText(piece.text)) piece.text = Array.from(piece.text).reverse().join("");
  }
  return { pieces: out, endX: penX };
}

/**
 * Readers take an ActualText span's box from its first glyph's position to
 * its last glyph's end. Drawing the glyph at the piece's left edge first and
 * the one ending at its right edge last (dots and marks in between) keeps
 * that box equal to the piece, so no false word break appears inside a word.
 */
function spanOrder(piece: Piece, widthOf: (gid: number) => number): PlacedGlyph[] {
  const byLeft = piece.glyphs.slice().sort((a, b) => a.x - b.x);
  const first = byLeft[0];
  const last = piece.glyphs
    .filter((g) => g !== first)
    .reduce<PlacedGlyph | undefined>((best, g) => (!best || g.x + widthOf(g.gid) > best.x + widthOf(best.gid) ? g : best), undefined);
  const middle = piece.glyphs.filter((g) => g !== first && g !== last);
  return [first, ...middle, ...(last ? [last] : [])];
}

export type Align = "left" | "center" | "right";

/**
 * Draws a line with its baseline at y (pdfkit's top-down coordinates),
 * aligned in the box [x, x + width]. Glyphs go out in visual order, as PDF
 * readers expect. Each glyph's ToUnicode entry holds the text of the first
 * cluster it stood for alone; where that cannot spell a piece of text (Noto
 * Naskh draws the dots of ت and ي as separate glyphs on shared dotless shapes,
 * and a letter with its marks is one cluster), the piece gets an ActualText
 * span, the PDF way of saying "these glyphs read as this text".
 */
export function drawLine(doc: Doc, line: ShapedLine, x: number, y: number, width: number, align: Align) {
  let penX = align === "left" ? x : align === "right" ? x + width - line.width : x + (width - line.width) / 2;
  const pageHeight = (doc as unknown as DocInternals).page.height;
  const baseline = pageHeight - y;

  const ops: string[] = ["BT"];
  for (const run of line.runs) {
    const font = embedded(doc, run.font);
    ops.push(`/${font.id} ${num(run.size)} Tf`);
    const laid = pieces(doc, run, penX, baseline);
    penX = laid.endX;
    const widthOf = (gid: number) => (font.widths[gid] * run.size) / 1000;
    for (const piece of laid.pieces) {
      const show = (g: PlacedGlyph) => ops.push(`1 0 0 1 ${num(g.x)} ${num(g.y)} Tm <${hex4(g.gid)}> Tj`);
      if (piece.spelled) {
        piece.glyphs.forEach(show);
      } else {
        ops.push(`/Span <</ActualText ${pdfTextString(piece.text)}>> BDC`);
        spanOrder(piece, widthOf).forEach(show);
        ops.push("EMC");
      }
    }
  }
  ops.push("ET");

  doc.save();
  // Undo pdfkit's top-down page transform for the text object, as its own text() does.
  doc.transform(1, 0, 0, -1, 0, pageHeight);
  doc.addContent(ops.join("\n"));
  doc.restore();
}
