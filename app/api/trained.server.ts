import { detectLocale, serverT } from "~/i18n/detect.server";
import { isLocale, type Locale } from "~/i18n/locales";
import { DIMENSIONS, PERIOD_KINDS, TRAINED, definitionFromSearch } from "~/reports/definition";
import { runReport } from "~/reports/report.server";
import { authenticateApiRequest } from "./tokens.server";

/**
 * GET /api/v1/trained: the figures of the report page, as JSON, for the
 * organisation of the token that asks (docs/api.md). The query string is the
 * report page's own (a report's link works here too); counts under the
 * threshold are always hidden, whatever the query says, since a token's
 * figures leave the platform by definition.
 */
const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" };

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { status, headers: { ...JSON_HEADERS, ...headers } });
}

function localeOf(request: Request): Locale {
  const lang = new URL(request.url).searchParams.get("lang");
  return isLocale(lang) ? lang : detectLocale(request);
}

export async function apiTrained(request: Request): Promise<Response> {
  const locale = localeOf(request);
  const t = serverT(locale);
  const auth = await authenticateApiRequest(request);
  if (!auth.ok) {
    const headers: Record<string, string> = auth.status === 401 ? { "WWW-Authenticate": 'Bearer realm="tadrib"' } : { "Retry-After": String(Math.ceil((auth.retryAfterMs ?? 0) / 1000)) };
    return json({ error: auth.code, message: t(`api.errors.${auth.code}`) }, auth.status, headers);
  }
  const params = new URL(request.url).searchParams;
  const { definition, invalid } = definitionFromSearch(params);
  if (invalid.length > 0) {
    return json({ error: "invalid", message: t("api.errors.invalid", { fields: invalid.join(", ") }), invalid }, 400);
  }
  const report = await runReport({ ...definition, mask: true }, { organisationId: auth.organisationId }, { locale, series: params.get("series") !== "0" });
  return json({ locale, ...report });
}

/** GET /api/v1: what can be asked (no token needed: it holds no figures). */
export function apiIndex(): Response {
  return json({
    endpoints: { trained: "/api/v1/trained" },
    authentication: "Authorization: Bearer <token> (created by an admin at /admin/api-tokens)",
    parameters: {
      trained: TRAINED,
      period: PERIOD_KINDS,
      year: "with period=year or period=quarter",
      quarter: "1-4, with period=quarter",
      from: "YYYY-MM-DD, with period=range",
      to: "YYYY-MM-DD (included), with period=range",
      rows: DIMENSIONS,
      columns: DIMENSIONS,
      filters: ["course", "theme", "modality", "orgType", "profession", "sex", "age", "region", "city", "current=1"],
      lang: ["fr", "ar", "en"],
      series: "0 to leave out the series over time",
    },
    documentation: "docs/api.md",
  });
}
