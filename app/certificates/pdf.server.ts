import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { serverT } from "~/i18n/detect.server";
import { directionOf, type Locale } from "~/i18n/locales";
import { formatCertificateCode } from "./code.server";
import { drawLine, type Align } from "./pdf-text.server";
import { drawQrCode } from "./qr.server";
import { fitText, type FitOptions, type ShapedLine, type TextStyle } from "./text-layout.server";

export interface CertificatePdfInput {
  locale: Locale;
  learnerName: string;
  courseTitle: string;
  hours: number;
  completedAt: Date;
  /** Set for a refresher course: the certificate says until when it is valid. */
  expiresAt?: Date | null;
  issuer: { name: string; logo?: string | Buffer };
  code: string;
  verifyUrl: string;
}

type Doc = InstanceType<typeof PDFDocument>;

const PAGE = { width: 841.89, height: 595.28 };
const COLORS = { primary: "#0b5394", accent: "#b8862b", text: "#1d2430", muted: "#4b5565", frame: "#0b5394" };
const CONTENT = { left: 86, right: PAGE.width - 86 };
const CONTENT_WIDTH = CONTENT.right - CONTENT.left;

/** Same choice as the web pages: Moroccan Arabic dates with Western digits. */
function intlLocale(locale: Locale): string {
  return locale === "ar" ? "ar-MA" : locale;
}

function hoursText(locale: Locale, hours: number): string {
  const t = serverT(locale);
  const count = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(hours);
  const category = new Intl.PluralRules(locale).select(hours);
  // The number is passed as text so it keeps the page's digits; the plural form is picked here.
  const key = `certificates.pdf.hours_${category}`;
  const text = t(key, { count });
  return text === key ? t("certificates.pdf.hours_other", { count }) : text;
}

interface Block {
  lines: ShapedLine[];
  color: string;
  gapBefore: number;
  /** Extra space between this block's lines, as a share of their size. */
  leading?: number;
  rule?: boolean;
}

function lineHeight(line: ShapedLine, leading = 0): number {
  return line.ascent + line.descent + line.style.size * leading;
}

function blockHeight(block: Block): number {
  return block.gapBefore + block.lines.reduce((sum, l) => sum + lineHeight(l, block.leading), 0);
}

function style(locale: Locale, size: number, weight: "regular" | "bold", direction: TextStyle["direction"] = "auto"): TextStyle {
  return { size, weight, direction, language: locale };
}

/** For a name: a second line at full size before any shrinking (a long name once became one tiny line). */
function wrapThenShrink(width: number): FitOptions[] {
  return [
    { maxWidth: width, maxLines: 1, minScale: 1 },
    { maxWidth: width, maxLines: 2, minScale: 0.45 },
  ];
}

function oneOrTwoLines(width: number): FitOptions[] {
  return [
    { maxWidth: width, maxLines: 1, minScale: 0.6 },
    { maxWidth: width, maxLines: 2, minScale: 0.45 },
  ];
}

function drawFrame(doc: Doc) {
  doc.save();
  doc.rect(0, 0, PAGE.width, PAGE.height).fill("#fbfaf6");
  doc.lineWidth(6).rect(22, 22, PAGE.width - 44, PAGE.height - 44).stroke(COLORS.frame);
  doc.lineWidth(1).rect(34, 34, PAGE.width - 68, PAGE.height - 68).stroke(COLORS.accent);
  doc.restore();
}

function drawLogo(doc: Doc, logo: string | Buffer, centerX: number, top: number, maxWidth: number, maxHeight: number) {
  const bytes = typeof logo === "string" ? readFileSync(logo) : logo;
  const head = bytes.subarray(0, 512).toString("utf8").trimStart();
  if (head.startsWith("<")) {
    SVGtoPDF(doc, bytes.toString("utf8"), centerX - maxWidth / 2, top, {
      width: maxWidth,
      height: maxHeight,
      preserveAspectRatio: "xMidYMid meet",
    });
  } else {
    doc.image(bytes, centerX - maxWidth / 2, top, { fit: [maxWidth, maxHeight], align: "center", valign: "center" });
  }
}

function drawCentered(doc: Doc, lines: ShapedLine[], top: number, color: string, leading = 0): number {
  let y = top;
  for (const line of lines) {
    doc.fillColor(color);
    drawLine(doc, line, CONTENT.left, y + line.ascent, CONTENT_WIDTH, "center");
    y += lineHeight(line, leading);
  }
  return y;
}

const longDate = (locale: Locale, date: Date) => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "UTC" }).format(date);

/**
 * A4 landscape certificate in the learner's language. Text is shaped and
 * ordered by ./text-layout.server (Arabic joined and right to left, mixed
 * lines in bidi order) and drawn by ./pdf-text.server so that it extracts as
 * the words a person reads. Names and titles shrink, then wrap, to fit.
 */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { locale } = input;
  const t = serverT(locale);
  const page = directionOf(locale);
  const date = longDate(locale, input.completedAt);
  const title = t("certificates.pdf.title");

  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: locale,
    displayTitle: true,
    info: { Title: `${title} — ${input.learnerName}`, Author: input.issuer.name, Subject: input.courseTitle },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  drawFrame(doc);

  // Top: issuer, then the title.
  let y = 58;
  if (input.issuer.logo) {
    drawLogo(doc, input.issuer.logo, PAGE.width / 2, y, 220, 52);
    y += 60;
  }
  y = drawCentered(doc, fitText(input.issuer.name, style(locale, 13, "bold"), oneOrTwoLines(CONTENT_WIDTH)), y, COLORS.muted);
  y += 6;
  doc.save().lineWidth(1.2).moveTo(PAGE.width / 2 - 40, y).lineTo(PAGE.width / 2 + 40, y).stroke(COLORS.accent).restore();
  y += 12;
  y = drawCentered(doc, fitText(title, style(locale, 34, "bold", page), oneOrTwoLines(CONTENT_WIDTH)), y, COLORS.primary);

  // Middle: who, and what they completed, centred in the space left above the
  // footer; with a logo, a two-line name and a three-line title it is all scaled
  // down a step at a time until it fits.
  const footerTop = PAGE.height - 150;
  let blocks = middleBlocks(input, date, 1);
  for (let scale = 0.92; blocks.reduce((sum, b) => sum + blockHeight(b), 0) > footerTop - y - 8 && scale > 0.6; scale -= 0.08) {
    blocks = middleBlocks(input, date, scale);
  }
  const middleHeight = blocks.reduce((sum, b) => sum + blockHeight(b), 0);
  y += Math.max(8, (footerTop - y - middleHeight) / 2);
  for (const block of blocks) {
    y += block.gapBefore;
    y = drawCentered(doc, block.lines, y, block.color, block.leading);
    if (block.rule) {
      const width = Math.min(CONTENT_WIDTH, Math.max(220, ...block.lines.map((l) => l.width)) + 40);
      doc.save().lineWidth(0.8).moveTo((PAGE.width - width) / 2, y + 2).lineTo((PAGE.width + width) / 2, y + 2).stroke(COLORS.accent).restore();
      y += 4;
    }
  }

  drawFooter(doc, input, page === "rtl");
  doc.end();
  return done;
}

function middleBlocks(input: CertificatePdfInput, date: string, scale: number): Block[] {
  const { locale } = input;
  const t = serverT(locale);
  const page = directionOf(locale);
  const sized = (size: number, weight: "regular" | "bold", direction: TextStyle["direction"] = "auto") =>
    style(locale, size * scale, weight, direction);
  return [
    {
      lines: fitText(t("certificates.pdf.awardedTo"), sized(13, "regular", page), oneOrTwoLines(CONTENT_WIDTH)),
      color: COLORS.muted,
      gapBefore: 0,
    },
    {
      lines: fitText(input.learnerName, sized(38, "bold"), wrapThenShrink(CONTENT_WIDTH - 40)),
      color: COLORS.text,
      gapBefore: 6 * scale,
      rule: true,
    },
    {
      lines: fitText(t("certificates.pdf.forCompleting"), sized(13, "regular", page), oneOrTwoLines(CONTENT_WIDTH)),
      color: COLORS.muted,
      gapBefore: 14 * scale,
    },
    {
      lines: fitText(input.courseTitle, sized(22, "bold"), [
        { maxWidth: CONTENT_WIDTH - 40, maxLines: 2, minScale: 0.7 },
        { maxWidth: CONTENT_WIDTH - 40, maxLines: 3, minScale: 0.5 },
      ]),
      color: COLORS.primary,
      gapBefore: 4 * scale,
      leading: -0.05,
    },
    {
      lines: fitText(hoursText(locale, input.hours), sized(12, "regular", page), oneOrTwoLines(CONTENT_WIDTH)),
      color: COLORS.text,
      gapBefore: 12 * scale,
    },
    {
      lines: fitText(t("certificates.pdf.completedOn", { date }), sized(12, "regular", page), oneOrTwoLines(CONTENT_WIDTH)),
      color: COLORS.text,
      gapBefore: 0,
    },
    ...(input.expiresAt
      ? [
          {
            lines: fitText(t("certificates.pdf.validUntil", { date: longDate(locale, input.expiresAt) }), sized(12, "bold", page), oneOrTwoLines(CONTENT_WIDTH)),
            color: COLORS.primary,
            gapBefore: 0,
          },
        ]
      : []),
  ];
}

const FOOTER = { side: 58, bottom: PAGE.height - 52, qrSize: 84 };

/** Where the QR code sits (points from the top left): at the end of the reading direction. */
export function certificateQrBox(locale: Locale): { x: number; y: number; size: number } {
  const { side, bottom, qrSize } = FOOTER;
  const x = directionOf(locale) === "rtl" ? side : PAGE.width - side - qrSize;
  return { x, y: bottom - qrSize, size: qrSize };
}

/** Verification code and link on the reading side, QR code on the other. */
function drawFooter(doc: Doc, input: CertificatePdfInput, rtl: boolean) {
  const t = serverT(input.locale);
  const page = directionOf(input.locale);
  const { side, bottom, qrSize } = FOOTER;
  const qr = certificateQrBox(input.locale);
  drawQrCode(doc, input.verifyUrl, qr.x, qr.y, qr.size, COLORS.text);

  const textWidth = PAGE.width - 2 * side - qrSize - 24;
  const textX = rtl ? side + qrSize + 24 : side;
  const align: Align = rtl ? "right" : "left";
  const lines: { line: ShapedLine; color: string; gap: number }[] = [
    ...fitText(t("certificates.pdf.verificationCode"), style(input.locale, 10, "regular", page), oneOrTwoLines(textWidth)).map((line) => ({ line, color: COLORS.muted, gap: 0 })),
    ...fitText(formatCertificateCode(input.code), style(input.locale, 16, "bold", "ltr"), oneOrTwoLines(textWidth)).map((line) => ({ line, color: COLORS.text, gap: 0 })),
    ...fitText(t("certificates.pdf.verifyAt"), style(input.locale, 9, "regular", page), oneOrTwoLines(textWidth)).map((line) => ({ line, color: COLORS.muted, gap: 4 })),
    ...fitText(input.verifyUrl, style(input.locale, 9, "regular", "ltr"), oneOrTwoLines(textWidth)).map((line) => ({ line, color: COLORS.primary, gap: 0 })),
  ];
  const height = lines.reduce((sum, l) => sum + l.gap + lineHeight(l.line), 0);
  let y = bottom - height;
  for (const { line, color, gap } of lines) {
    y += gap;
    doc.fillColor(color);
    drawLine(doc, line, textX, y + line.ascent, textWidth, align);
    y += lineHeight(line);
  }
}
