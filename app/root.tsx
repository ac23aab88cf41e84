import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { managesOrganisation } from "~/organisations/guards.server";
import { getAuth } from "~/auth/guards.server";
import { readSessionToken, sessionCookie } from "~/auth/session.server";
import { fallbackMessages } from "~/i18n/fallback-messages";
import { detectLocale } from "~/i18n/detect.server";
import { routeMessages } from "~/i18n/route-messages.server";
import { directionOf, DEFAULT_LOCALE } from "~/i18n/locales";
import { I18nProvider, useT } from "~/i18n/react";
import { useNonce } from "~/http/nonce";
import { SiteFooter, SiteHeader } from "~/ui/layout";
import { type RootData, useRootData } from "~/ui/root-data";
import appCss from "~/styles/app.css?url";
import type { RenderOnceHandle } from "~/http/render-once.server";

// Rendered from its loader data alone: sent again as bytes while that data stays the same (decision 034).
export const handle: RenderOnceHandle = { renderOnce: true };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Tadrib" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const user = auth?.user ?? null;
  const locale = detectLocale(request, user?.locale);
  const url = new URL(request.url);
  const body: RootData = {
    locale,
    // `common` and the namespaces the matched routes declare in their handle (docs/decisions/028).
    messages: await routeMessages(url, locale),
    // Whether to show "my organisation": managing one is a membership, not a role.
    user: user ? { id: user.id, name: user.name, role: user.role, manages: managesOrganisation(user.id) } : null,
    path: `${url.pathname}${url.search}`,
  };
  const headers = new Headers();
  if (auth?.renewed) {
    // Lucia's sliding expiry: the cookie follows the renewed session.
    headers.append("Set-Cookie", sessionCookie(readSessionToken(request) ?? "", auth.session.expiresAt));
  }
  return data(body, { headers });
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const nonce = useNonce();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale} messages={root?.messages ?? fallbackMessages(locale)}>
          {children}
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("common.error.title");
  let detail = t("common.error.unexpected");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("common.error.notFoundTitle");
      detail = t("common.error.notFound");
    } else if (error.status === 403) {
      title = t("common.error.forbiddenTitle");
      detail = t("common.error.forbidden");
    }
  }
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="page">
        <h1>{title}</h1>
        <p>{detail}</p>
        <p>
          <a href="/">{t("common.error.home")}</a>
        </p>
      </main>
    </>
  );
}
