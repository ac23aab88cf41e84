import { fold, vocabulary } from "./fold";

/**
 * The columns of an import file. A header is recognised in French, English
 * or Arabic, whatever its case or accents (docs/importing.md lists them).
 * The template uses the column ids themselves.
 */
export const COLUMNS = [
  "name",
  "email",
  "phone",
  "sex",
  "age_band",
  "birth_year",
  "profession",
  "organisation",
  "organisation_type",
  "region",
  "city",
  "nationality",
  "language",
] as const;
export type Column = (typeof COLUMNS)[number];

const HEADERS = vocabulary<Column>({
  name: ["nom", "nom complet", "nom et prenom", "prenom et nom", "full name", "الاسم", "الاسم الكامل"],
  email: ["e-mail", "mail", "courriel", "adresse e-mail", "adresse email", "email address", "البريد الإلكتروني", "البريد الالكتروني"],
  phone: ["telephone", "tel", "mobile", "portable", "gsm", "phone number", "numero de telephone", "الهاتف", "رقم الهاتف"],
  sex: ["sexe", "gender", "genre", "الجنس"],
  age_band: ["tranche d'age", "tranche age", "age group", "age", "الفئة العمرية"],
  birth_year: ["annee de naissance", "year of birth", "naissance", "سنة الميلاد", "سنه الميلاد"],
  profession: ["metier", "occupation", "fonction", "job", "المهنة"],
  organisation: ["organization", "organisme", "structure", "institution", "employeur", "employer", "المؤسسة", "الهيئة"],
  organisation_type: ["organization type", "type d'organisation", "type organisation", "type de structure", "نوع المؤسسة"],
  region: ["région", "الجهة"],
  city: ["ville", "town", "المدينة"],
  nationality: ["nationalite", "الجنسية"],
  language: ["langue", "preferred language", "langue preferee", "اللغة"],
});

export function columnOf(header: string): Column | null {
  return HEADERS.get(fold(header)) ?? null;
}
