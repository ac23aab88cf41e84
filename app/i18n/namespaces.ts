import type fr from "./locales/fr";

/** A message namespace: one JSON file of app/i18n/locales/<lang>/ ("learning", "quiz"…). */
export type Namespace = keyof typeof fr;

/**
 * What a route declares, as its `handle` export, so the root loader sends the
 * browser only the namespaces the page uses (docs/decisions/028):
 *
 *   export const handle: I18nHandle = { i18n: ["learning", "courses"] };
 *
 * `common` (header, footer, error pages) is always sent and never declared.
 * List the namespaces of every key the route and the components it imports
 * use; app/i18n/route-namespaces.test.ts fails when one is missing. The list
 * must be literal strings: the test reads it from the source.
 */
export type I18nHandle = { i18n: readonly Namespace[] };

/** The namespaces the handles of matched routes declare, `common` first, each once. */
export function declaredNamespaces(handles: readonly unknown[]): Namespace[] {
  const out = new Set<Namespace>(["common"]);
  for (const handle of handles) {
    const list = (handle as Partial<I18nHandle> | undefined)?.i18n;
    if (Array.isArray(list)) for (const ns of list) out.add(ns);
  }
  return [...out];
}
