import type PDFDocument from "pdfkit";
import QRCode from "qrcode";

type Doc = InstanceType<typeof PDFDocument>;

/** White modules around the code; the light page around it widens the quiet zone further. */
export const QR_QUIET_MODULES = 2;

/**
 * Draws a QR code as vector squares: sharp at any zoom or print size, and a
 * few hundred bytes instead of an embedded image. Horizontal runs of dark
 * modules become one rectangle, filled in a single path.
 */
export function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number, color: string) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = QR_QUIET_MODULES;
  const count = modules.size + quiet * 2;
  const cell = size / count;
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      // A hair of overlap so anti-aliasing leaves no seams between rows.
      doc.rect(x + (start + quiet) * cell, y + (row + quiet) * cell, (col - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill(color);
  doc.restore();
}
