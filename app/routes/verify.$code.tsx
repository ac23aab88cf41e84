import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { retryAfterSeconds, retryWhen } from "~/auth/retry-after";
import { verifyCertificate } from "~/certificates/certificates.server";
import { formatCertificateCode, normalizeCertificateCode } from "~/certificates/code.server";
import { VerifyForm } from "~/certificates/verify-form";
import { clientIp } from "~/http/client-ip.server";
import { consumeRateLimit } from "~/http/rate-limit.server";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["certificates"] };

/** Per client IP: plenty for people checking certificates, far too few to sweep codes. */
const VERIFY_LIMIT = 30;
const VERIFY_WINDOW_MS = 60_000;

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "certificates.verify.resultTitle"),
  // A name on a public page: keep it out of search engines.
  { name: "robots", content: "noindex, nofollow" },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const limit = await consumeRateLimit(`verify:${clientIp(request, context)}`, VERIFY_LIMIT, VERIFY_WINDOW_MS);
  if (!limit.allowed) {
    return data(
      { kind: "rate-limited" as const, retryAfterSeconds: retryAfterSeconds(limit.retryAfterMs) },
      { status: 429, headers: { ...privateHeaders, "Retry-After": String(Math.ceil(limit.retryAfterMs / 1000)) } },
    );
  }
  const typed = (params.code ?? "").slice(0, 100);
  const normalized = normalizeCertificateCode(typed);
  const shown = normalized ? formatCertificateCode(normalized) : typed;
  const result = await verifyCertificate(typed);
  return data({ kind: "result" as const, code: shown, result }, { status: result.status === "unknown" ? 404 : 200, headers: privateHeaders });
}

export default function VerifyCodePage() {
  const { t, tx, locale, formatDate } = useI18n();
  const loaded = useLoaderData<typeof loader>();

  if (loaded.kind === "rate-limited") {
    return (
      <div className="page page-narrow">
        <h1>{t("certificates.verify.tooManyTitle")}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t("certificates.verify.tooMany", { when: retryWhen(locale, loaded.retryAfterSeconds) })}</p>
        </div>
      </div>
    );
  }

  const { result, code } = loaded;
  return (
    <div className="page page-narrow">
      <h1>{t("certificates.verify.resultTitle")}</h1>
      {result.status === "unknown" ? (
        <div className="alert alert-error verify-status" role="status">
          <h2>{t("certificates.verify.unknownTitle")}</h2>
          <p>
            {tx("certificates.verify.unknown", { code: <bdi dir="ltr">{code}</bdi> })}
          </p>
        </div>
      ) : (
        <div className={`alert ${result.status === "valid" ? "alert-success" : "alert-error"} verify-status`} role="status">
          <h2>{t(`certificates.verify.${result.status}Title`)}</h2>
          <p>{t(`certificates.verify.${result.status}`)}</p>
          <dl className="facts">
            {/* Values are isolated inside cells that keep the page's direction, so they line up with
                their labels in Arabic as in French (a dir on the cell itself aligned it to the left). */}
            <dt>{t("certificates.verify.name")}</dt>
            <dd>
              <bdi>{result.name}</bdi>
            </dd>
            <dt>{t("certificates.verify.course")}</dt>
            <dd>
              <bdi>{result.course}</bdi>
            </dd>
            <dt>{t("certificates.verify.date")}</dt>
            <dd>{formatDate(result.date)}</dd>
            {result.expiresAt ? (
              <>
                <dt>{t(result.status === "expired" ? "certificates.verify.expiredOn" : "certificates.verify.expiresAt")}</dt>
                <dd>{formatDate(result.expiresAt)}</dd>
              </>
            ) : null}
            <dt>{t("certificates.verify.code")}</dt>
            <dd className="certificate-code">
              <bdi dir="ltr">{code}</bdi>
            </dd>
          </dl>
        </div>
      )}
      <p className="muted">{t("certificates.verify.privacy")}</p>
      <h2>{t("certificates.verify.another")}</h2>
      <VerifyForm />
      <p>
        <Link to="/">{t("common.error.home")}</Link>
      </p>
    </div>
  );
}
