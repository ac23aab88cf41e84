import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { afterAll, describe, expect, test } from "vitest";
import { formatCertificateCode, generateCertificateCode } from "./code.server";
import { certificateQrBox, renderCertificatePdf, type CertificatePdfInput } from "./pdf.server";
import { QR_QUIET_MODULES } from "./qr.server";

// Text extraction uses poppler's pdftotext (Debian poppler-utils, installed by .ci/run).
const dir = mkdtempSync(path.join(tmpdir(), "tadrib-cert-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfText(pdf: Buffer, ...args: string[]): string {
  // pdftotext wraps right-to-left stretches in bidi embedding controls; the text is what remains.
  return execFileSync("pdftotext", [...args, "-", "-"], { input: pdf, encoding: "utf8" }).replace(/[\u202a-\u202e]/g, "");
}

function lines(pdf: Buffer): string[] {
  return pdfText(pdf)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

const squeeze = (s: string) => s.replace(/\s+/g, "");

function sample(overrides: Partial<CertificatePdfInput>): CertificatePdfInput {
  const code = generateCertificateCode();
  return {
    locale: "fr",
    learnerName: "Élodie Nguyễn",
    courseTitle: "Identifier et protéger les victimes de la traite",
    hours: 12,
    completedAt: new Date("2026-11-29T10:00:00Z"),
    issuer: { name: "Organisation internationale pour les migrations" },
    code,
    verifyUrl: `https://tadrib.example.org/verify/${formatCertificateCode(code)}`,
    ...overrides,
  };
}

describe("renderCertificatePdf", () => {
  test("French: accents kept, every field present, one A4 landscape page with embedded fonts", async () => {
    const input = sample({ learnerName: "Élodie Nguyễn", courseTitle: "Recrutement équitable des travailleurs migrants" });
    const pdf = await renderCertificatePdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = lines(pdf);
    expect(text).toContain("Certificat de réussite");
    expect(text).toContain("Élodie Nguyễn");
    expect(text).toContain("Recrutement équitable des travailleurs migrants");
    expect(text).toContain("Durée de la formation : 12 heures");
    expect(text).toContain("Formation achevée le 29 novembre 2026");
    expect(text).toContain(formatCertificateCode(input.code));
    expect(text).toContain(input.verifyUrl);

    const file = path.join(dir, "fr.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const fontsTable = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    expect(fontsTable.length).toBeGreaterThan(0);
    for (const row of fontsTable) expect(row).toMatch(/\byes\s+yes\s+yes\b/);
  });

  test("English: names with diaeresis and acute, singular hour, English date", async () => {
    const pdf = await renderCertificatePdf(
      sample({ locale: "en", learnerName: "Zoë Ferrández", courseTitle: "Fair recruitment", hours: 1, completedAt: new Date("2026-03-05T12:00:00Z") }),
    );
    const text = lines(pdf);
    expect(text).toContain("Certificate of completion");
    expect(text).toContain("Zoë Ferrández");
    expect(text).toContain("Course length: 1 hour");
    expect(text).toContain("Completed on March 5, 2026");
  });

  test("a refresher course's certificate says until when it is valid", async () => {
    const fr = lines(await renderCertificatePdf(sample({ expiresAt: new Date("2028-11-29T10:00:00Z") })));
    expect(fr).toContain("Valable jusqu'au 29 novembre 2028");
    const ar = lines(await renderCertificatePdf(sample({ locale: "ar", expiresAt: new Date("2028-11-29T10:00:00Z") })));
    expect(ar.some((l) => l.includes("صالحة إلى غاية") && l.includes("2028"))).toBe(true);
    expect(lines(await renderCertificatePdf(sample({}))).some((l) => l.startsWith("Valable"))).toBe(false);
  });

  test("Arabic: the name and title extract in logical order, with the code", async () => {
    const input = sample({
      locale: "ar",
      learnerName: "فاطمة الزهراء بنعلي",
      courseTitle: "مكافحة الاتجار بالبشر",
      issuer: { name: "المنظمة الدولية للهجرة" },
    });
    const text = lines(await renderCertificatePdf(input));
    expect(text).toContain("شهادة إتمام");
    expect(text).toContain("فاطمة الزهراء بنعلي");
    expect(text).not.toContain("يلعنب ءارهزلا ةمطاف");
    expect(text).toContain("مكافحة الاتجار بالبشر");
    expect(text).toContain("المنظمة الدولية للهجرة");
    expect(text).toContain(formatCertificateCode(input.code));
    // Digits inside an Arabic line: poppler may move the spaces beside them, never the words.
    expect(text.map(squeeze)).toContain(squeeze("مدة التكوين 12 ساعة"));
    expect(text.map(squeeze)).toContain(squeeze("تاريخ الإتمام 29 نونبر 2026"));
  });

  test("Arabic: a title mixing Arabic, Latin and digits, and a Latin name, keep their order", async () => {
    const pdf = await renderCertificatePdf(
      sample({ locale: "ar", learnerName: "Jean Dupont", courseTitle: "أساسيات OIM في مكافحة الاتجار بالبشر 2026", hours: 3 }),
    );
    const text = lines(pdf);
    expect(text).toContain("Jean Dupont");
    expect(text.map(squeeze)).toContain(squeeze("أساسيات OIM في مكافحة الاتجار بالبشر 2026"));
    expect(text.map(squeeze)).toContain(squeeze("مدة التكوين 3 ساعات"));
  });

  test("Arabic with marks and decomposed Latin input: the text layer spells what was given", async () => {
    const pdf = await renderCertificatePdf(
      sample({ locale: "ar", learnerName: "يُوسُف بنّاني", courseTitle: "Zoe\u0308 Ferra\u0301ndez" }),
    );
    const text = lines(pdf);
    expect(text).toContain("يُوسُف بنّاني");
    expect(text).toContain("Zoë Ferrández");
  });

  test("long names and titles wrap or shrink and stay inside the frame", async () => {
    const learnerName = "Marie-Françoise Élisabeth de La Tour-d'Auvergne Ben Abdelkader El Idrissi Alaoui";
    const courseTitle =
      "Gouvernance des migrations de main-d'œuvre : recrutement équitable, protection des travailleurs migrants, lutte contre la traite et le travail forcé dans les chaînes d'approvisionnement mondiales et régionales";
    for (const input of [
      sample({ learnerName, courseTitle }),
      sample({ learnerName: "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop", courseTitle }),
      sample({
        locale: "ar",
        learnerName: "عبد الرحمن بن محمد بن عبد الله الإدريسي الحسني العلوي الشريف",
        courseTitle:
          "حوكمة هجرة اليد العاملة: التوظيف العادل وحماية العمال المهاجرين ومكافحة الاتجار بالبشر والعمل القسري في سلاسل التوريد العالمية والإقليمية",
      }),
    ]) {
      const pdf = await renderCertificatePdf(input);
      expect(squeeze(pdfText(pdf))).toContain(squeeze(input.learnerName));
      expect(squeeze(pdfText(pdf))).toContain(squeeze(input.courseTitle));
      const boxes = [...pdfText(pdf, "-bbox").matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)];
      expect(boxes.length).toBeGreaterThan(10);
      for (const [, xMin, yMin, xMax, yMax] of boxes) {
        // Inside the inner (gold) frame, which runs 34 pt from each edge.
        expect(Number(xMin)).toBeGreaterThan(34);
        expect(Number(xMax)).toBeLessThan(841.89 - 34);
        expect(Number(yMin)).toBeGreaterThan(34);
        expect(Number(yMax)).toBeLessThan(595.28 - 34);
      }
    }
  });

  test.each([
    ["fr", "Marie-Françoise Élisabeth de La Tour-d'Auvergne"],
    ["ar", "عبد الرحمن بن محمد بن عبد الله الإدريسي الحسني"],
  ] as const)("%s: a name too long for one line goes on two lines at full size before anything shrinks", async (locale, learnerName) => {
    // pdftotext -bbox lists words as drawn: Arabic words come out in visual order, letters reversed.
    const asDrawn = (word: string) => (locale === "ar" ? [...word].reverse().join("") : word);
    const words = (pdf: Buffer) =>
      [...pdfText(pdf, "-bbox").matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        ([, yMin, yMax, word]) => ({ word: word.replace(/&apos;/g, "'"), top: Math.round(Number(yMin)), height: Number(yMax) - Number(yMin) }),
      );
    const short = locale === "ar" ? "يوسف بناني" : "Jean Dupont";
    const shortPage = words(await renderCertificatePdf(sample({ locale, learnerName: short })));
    const fullSize = shortPage.find((w) => w.word === asDrawn(short.split(" ")[0]))!.height;
    // Words of the long name that appear nowhere else on the page ("de" does, in the title).
    const elsewhere = new Set(shortPage.map((w) => w.word));
    const own = new Set(learnerName.split(" ").map(asDrawn).filter((w) => !elsewhere.has(w)));
    const name = words(await renderCertificatePdf(sample({ locale, learnerName }))).filter((w) => own.has(w.word));
    expect(name.length).toBe(learnerName.split(" ").map(asDrawn).filter((w) => own.has(w)).length);
    expect(own.size).toBeGreaterThanOrEqual(3);
    // Two lines at (nearly) full size: the page's own vertical fit may trim it a little, never to a tiny line.
    expect(new Set(name.map((w) => w.top)).size).toBe(2);
    for (const w of name) expect(w.height).toBeGreaterThan(fullSize * 0.8);
  });

  test.each(["fr", "ar"] as const)("%s: the QR code drawn on the page is the verification URL", async (locale) => {
    const input = sample({ locale });
    const file = path.join(dir, `qr-${locale}`);
    writeFileSync(`${file}.pdf`, await renderCertificatePdf(input));
    const dpi = 288;
    const px = dpi / 72;
    const box = certificateQrBox(locale);
    execFileSync("pdftoppm", [
      "-gray", "-r", String(dpi), "-singlefile",
      "-x", String(Math.round(box.x * px)), "-y", String(Math.round(box.y * px)),
      "-W", String(Math.round(box.size * px)), "-H", String(Math.round(box.size * px)),
      `${file}.pdf`, file,
    ]);
    const pgm = readFileSync(`${file}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString("latin1"))!;
    const [width] = [Number(header[1])];
    const pixels = pgm.subarray(header[0].length);
    const { modules } = QRCode.create(input.verifyUrl, { errorCorrectionLevel: "M" });
    const cell = (box.size * px) / (modules.size + 2 * QR_QUIET_MODULES);
    const offsetX = box.x * px - Math.round(box.x * px);
    const offsetY = box.y * px - Math.round(box.y * px);
    let mismatches = 0;
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        const x = Math.floor(offsetX + (col + QR_QUIET_MODULES + 0.5) * cell);
        const y = Math.floor(offsetY + (row + QR_QUIET_MODULES + 0.5) * cell);
        const dark = pixels[y * width + x] < 128;
        if (dark !== Boolean(modules.get(row, col))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
