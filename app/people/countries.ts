import type { Locale } from "~/i18n/locales";
import { intlLocale } from "~/i18n/translate";

/**
 * Nationalities, as ISO 3166-1 alpha-2 codes (what Profile.nationality
 * stores); pages name them with Intl.DisplayNames in the page's language.
 * Left out: uninhabited territories (AQ, BV, GS, HM, TF, UM), which no one
 * holds the nationality of, and EH, which Morocco — where the platform is
 * run — does not recognise as a country.
 */
export const NATIONALITY_CODES = `
AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FK FM FO
FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT
PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL
TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`
  .trim()
  .split(/\s+/);

const KNOWN = new Set(NATIONALITY_CODES);

export function isNationalityCode(code: string): boolean {
  return KNOWN.has(code);
}

/** The codes with their names in the page's language, in that language's alphabetical order. */
export function nationalityOptions(locale: Locale): { code: string; name: string }[] {
  const intl = intlLocale(locale);
  const names = new Intl.DisplayNames([intl], { type: "region" });
  const collator = new Intl.Collator(intl);
  return NATIONALITY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}

export function countryName(code: string, locale: Locale): string {
  return new Intl.DisplayNames([intlLocale(locale)], { type: "region" }).of(code) ?? code;
}
