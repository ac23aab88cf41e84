import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verifyPath } from "~/certificates/certificates.server";
import { normalizeCertificateCode } from "~/certificates/code.server";
import { verifyCodeSchema } from "~/certificates/forms";
import { VerifyForm } from "~/certificates/verify-form";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["certificates"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.verify.title");

/** GET /verify?code=… (the form, so it works without JavaScript) sends a good code on to /verify/<code>. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!params.has("code")) return { typed: "", error: null };
  const parsed = verifyCodeSchema.safeParse({ code: params.get("code") ?? "" });
  const typed = (params.get("code") ?? "").slice(0, 100);
  const code = parsed.success ? normalizeCertificateCode(parsed.data.code) : null;
  if (!code) return data({ typed, error: "certificates.verify.invalidCode" }, { status: 400 });
  throw redirect(verifyPath(code));
}

export default function VerifyIndexPage() {
  const { t } = useI18n();
  const { typed, error } = useLoaderData<typeof loader>();
  return (
    <div className="page page-narrow">
      <h1>{t("certificates.verify.title")}</h1>
      <p>{t("certificates.verify.intro")}</p>
      <VerifyForm defaultValue={typed} error={error} />
    </div>
  );
}
