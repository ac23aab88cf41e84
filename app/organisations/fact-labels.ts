import type { T } from "~/i18n/translate";

/** A profile fact as pages show it: its translated value, or a dash when the person did not say. */
export function factLabel(t: T, kind: "sex" | "ageBand" | "profession", value: string | null): string {
  return value ? t(`people.facts.${kind}.${value}`) : "—";
}
