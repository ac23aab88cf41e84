import type { AgeBand, Locale, OrganisationType, Profession, Sex } from "~/db/generated/enums";
import { fold, vocabulary } from "./fold";

/**
 * The values an import file may give, as the enum codes of schema.prisma or
 * as words in French, English or Arabic (docs/importing.md lists them; a
 * test checks it names every code).
 */
export const SEXES = vocabulary<Sex>({
  woman: ["femme", "f", "feminin", "female", "w", "امرأة", "أنثى", "سيدة"],
  man: ["homme", "h", "m", "masculin", "male", "رجل", "ذكر"],
  other: ["autre", "non binaire", "non-binary", "آخر", "أخرى"],
  undisclosed: ["non precise", "non renseigne", "ne souhaite pas repondre", "prefer not to say", "not stated", "غير محدد", "يفضل عدم الإجابة"],
});

export const PROFESSIONS = vocabulary<Profession>({
  social_worker: ["travailleur social", "travailleuse sociale", "assistant social", "assistante sociale", "social worker", "مساعد اجتماعي", "مساعدة اجتماعية", "أخصائي اجتماعي", "عامل اجتماعي"],
  police_gendarmerie: ["police", "gendarmerie", "policier", "policiere", "gendarme", "police officer", "الشرطة", "شرطي", "الدرك", "دركي"],
  justice: ["magistrat", "juge", "avocat", "greffier", "judge", "lawyer", "العدل", "القضاء", "قاض", "قاضي", "محام"],
  health: ["sante", "medecin", "infirmier", "infirmiere", "doctor", "nurse", "الصحة", "طبيب", "ممرض", "ممرضة"],
  labour_employment: ["travail et emploi", "emploi", "conseiller emploi", "inspecteur du travail", "labour", "labor", "employment", "employment advisor", "الشغل", "التشغيل", "مفتش الشغل"],
  teacher: ["enseignant", "enseignante", "professeur", "formateur", "formatrice", "أستاذ", "أستاذة", "مدرس", "معلم"],
  journalist_media: ["journaliste", "medias", "media", "journalist", "صحفي", "صحفية", "الإعلام", "إعلامي"],
  student: ["etudiant", "etudiante", "eleve", "طالب", "طالبة"],
  association_staff: ["personnel associatif", "salarie associatif", "associatif", "association staff", "ngo staff", "عامل في جمعية", "موظف جمعية", "جمعوي"],
  public_servant: ["fonctionnaire", "agent public", "public servant", "civil servant", "موظف عمومي", "موظف"],
  other: ["autre", "آخر", "أخرى"],
});

export const ORGANISATION_TYPES = vocabulary<OrganisationType>({
  government: ["gouvernement", "administration", "institution publique", "public institution", "public", "حكومي", "حكومية", "مؤسسة عمومية", "إدارة"],
  civil_society: ["societe civile", "association", "ong", "civil society", "ngo", "مجتمع مدني", "جمعية", "منظمة غير حكومية"],
  academic: ["universite", "academique", "universitaire", "university", "جامعة", "أكاديمي", "أكاديمية"],
  media: ["medias", "presse", "press", "إعلام", "صحافة"],
  international: ["organisation internationale", "international organisation", "international organization", "internationale", "منظمة دولية", "دولي", "دولية"],
  private: ["prive", "entreprise", "secteur prive", "company", "business", "خاص", "قطاع خاص", "مقاولة", "شركة"],
  other: ["autre", "آخر", "أخرى"],
});

export const LANGUAGES = vocabulary<Locale>({
  fr: ["francais", "french", "الفرنسية", "فرنسية"],
  ar: ["arabe", "arabic", "العربية", "عربية"],
  en: ["anglais", "english", "الإنجليزية", "الانجليزية", "إنجليزية"],
});

export function codesOf(words: Map<string, string>): string {
  return [...new Set(words.values())].join(", ");
}

const AGE_BANDS: readonly [AgeBand, number, number][] = [
  ["under_18", 0, 17],
  ["from_18_to_24", 18, 24],
  ["from_25_to_34", 25, 34],
  ["from_35_to_44", 35, 44],
  ["from_45_to_54", 45, 54],
  ["from_55_to_64", 55, 64],
  ["from_65", 65, 150],
];
export const AGE_BAND_CODES = AGE_BANDS.map(([code]) => code);

/** The age band someone born in `birthYear` is in during the year of `at`. */
export function ageBandFor(birthYear: number, at: Date): AgeBand {
  const age = at.getUTCFullYear() - birthYear;
  return AGE_BANDS.find(([, lo, hi]) => age >= lo && age <= hi)?.[0] ?? "from_65";
}

const UNDER = /<|moins|under|less|below|اقل|دون/;
const AND_OVER = /\+|plus|over|more|above|فوق|اكثر/;

/**
 * An age band as people write it: its code, a range ("25-34", "25 à 34 ans",
 * "من 25 إلى 34"), "moins de 18", "65+" or "65 et plus", or an age ("31").
 */
export function parseAgeBand(raw: string): AgeBand | null {
  const folded = fold(raw);
  const code = AGE_BAND_CODES.find((c) => fold(c) === folded);
  if (code) return code;
  const numbers = (folded.match(/\d+/g) ?? []).map(Number);
  if (numbers.length === 2) return AGE_BANDS.find(([, lo, hi]) => lo === numbers[0] && hi === numbers[1])?.[0] ?? (numbers[0] === 0 && numbers[1] === 18 ? "under_18" : null);
  if (numbers.length !== 1 || numbers[0] > 120) return null;
  const [n] = numbers;
  if (UNDER.test(folded)) return n === 18 ? "under_18" : null;
  if (AND_OVER.test(folded)) return n === 65 ? "from_65" : null;
  // Letters around a lone number ("ans", "years", "سنة") are fine; anything else is not an age.
  return AGE_BANDS.find(([, lo, hi]) => n >= lo && n <= hi)?.[0] ?? null;
}

export const EARLIEST_BIRTH_YEAR = 1920;

export function parseBirthYear(raw: string, now: Date): number | null {
  const folded = fold(raw);
  if (!/^\d{4}$/.test(folded)) return null;
  const year = Number(folded);
  return year >= EARLIEST_BIRTH_YEAR && year <= now.getUTCFullYear() ? year : null;
}

/** Codes that Intl names but that are no one's nationality. */
const NOT_NATIONALITIES = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "BV", "GS", "HM", "TF", "UM"]);
let nationalities: { codes: Set<string>; names: Map<string, string> } | null = null;

function nationalityTables() {
  if (nationalities) return nationalities;
  const codes = new Set<string>();
  const names = new Map<string, string>();
  const displays = (["fr", "ar", "en"] as const).map((l) => new Intl.DisplayNames([l], { type: "region", fallback: "code" }));
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (NOT_NATIONALITIES.has(code)) continue;
      const named = displays.map((d) => d.of(code) ?? code);
      if (named[2] === code) continue;
      codes.add(code);
      for (const name of named) if (!names.has(fold(name))) names.set(fold(name), code);
    }
  }
  return (nationalities = { codes, names });
}

/** An ISO 3166-1 alpha-2 code ("MA", "sn") or a country's name in French, Arabic or English ("Sénégal", "المغرب"). */
export function parseNationality(raw: string): string | null {
  const { codes, names } = nationalityTables();
  const trimmed = raw.trim().toUpperCase();
  if (codes.has(trimmed)) return trimmed;
  return names.get(fold(raw)) ?? null;
}

/** "Région de l'Oriental", "region of", "جهة الشرق": the word for region is not part of the name. */
const REGION_WORD = /^(?:region|جهه)\s+(?:(?:de|du|des|of)\s+)?(?:(?:la|l)\s+)?/;

export type RegionRow = { id: string; names: unknown };

/** Regions by code ("MA-04", "ma04", "MA-4") or by name in any of the three languages. */
export function regionMatcher(regions: readonly RegionRow[]): (raw: string) => string | null {
  const byWord = new Map<string, string>();
  for (const region of regions) {
    byWord.set(fold(region.id), region.id);
    for (const name of Object.values((region.names ?? {}) as Record<string, string>)) byWord.set(fold(name), region.id);
  }
  const ids = new Set(regions.map((r) => r.id));
  return (raw) => {
    const code = /^([a-z]{2})\s*-?\s*(\d{1,2})$/i.exec(raw.trim());
    if (code) {
      const id = `${code[1].toUpperCase()}-${code[2].padStart(2, "0")}`;
      if (ids.has(id)) return id;
    }
    const folded = fold(raw);
    return byWord.get(folded) ?? byWord.get(folded.replace(REGION_WORD, "")) ?? null;
  };
}
