import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as hb from "harfbuzzjs";

/**
 * The certificate fonts, read from npm packages rather than the system so a
 * production server without fonts renders the same PDF. Google's full TTFs are
 * used, not the @fontsource files: those are split by script subset (the
 * Arabic subset has no ASCII punctuation, the Latin one no Vietnamese), and a
 * name such as "Élodie Nguyễn" would then need glyphs from three files.
 */
export type FontId = "sans" | "sansBold" | "naskh" | "naskhBold";
export type Weight = "regular" | "bold";

const require = createRequire(import.meta.url);

const FILES: Record<FontId, string> = {
  sans: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  sansBold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  naskh: "@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf",
  naskhBold: "@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf",
};

export interface LoadedFont {
  id: FontId;
  bytes: Buffer;
  shaper: hb.Font;
  unitsPerEm: number;
  /** Ascender and descender (negative) in font units, for line boxes. */
  ascender: number;
  descender: number;
  /**
   * Noto Naskh's letters are small for their point size next to Noto Sans
   * (Arabic typography is usually set larger): its runs are scaled up so a
   * mixed line looks even.
   */
  sizeFactor: number;
  has(codePoint: number): boolean;
}

function load(id: FontId): LoadedFont {
  const bytes = readFileSync(require.resolve(FILES[id]));
  const face = new hb.Face(new hb.Blob(bytes));
  const shaper = new hb.Font(face);
  const covered = new Set(face.collectUnicodes());
  const extents = shaper.hExtents();
  return {
    id,
    bytes,
    shaper,
    unitsPerEm: face.upem,
    ascender: extents.ascender,
    descender: extents.descender,
    sizeFactor: id.startsWith("naskh") ? 1.15 : 1,
    has: (codePoint) => covered.has(codePoint),
  };
}

let cache: Record<FontId, LoadedFont> | undefined;

/** Loaded once per process: the four files are about 1.6 MB together. */
export function fonts(): Record<FontId, LoadedFont> {
  cache ??= {
    sans: load("sans"),
    sansBold: load("sansBold"),
    naskh: load("naskh"),
    naskhBold: load("naskhBold"),
  };
  return cache;
}

export function latinFont(weight: Weight): FontId {
  return weight === "bold" ? "sansBold" : "sans";
}

export function arabicFont(weight: Weight): FontId {
  return weight === "bold" ? "naskhBold" : "naskh";
}
