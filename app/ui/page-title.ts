import type { MetaDescriptor } from "@remix-run/node";
import { translate } from "~/i18n/translate";
import type { RootData } from "~/ui/root-data";

/**
 * A translated <title> for a route's `meta` export: meta functions cannot use
 * hooks, so the messages come from the root loader's data in `matches`.
 */
export function pageTitle(matches: readonly { id: string; data: unknown }[], key: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  const title = root ? translate(root.messages, root.locale, key) : key;
  return [{ title: `${title} · Tadrib` }];
}
