import { useRouteLoaderData } from "@remix-run/react";
import type { Messages } from "~/i18n/catalog";
import type { Locale } from "~/i18n/locales";
import type { Role } from "~/auth/session.server";

export type RootData = {
  locale: Locale;
  messages: Messages;
  user: { id: string; name: string; role: Role; manages: boolean } | null;
  /** The current path and query, for forms that come back here (language switcher). */
  path: string;
};

/** The root loader's data (locale, messages, signed-in user), from any component. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
