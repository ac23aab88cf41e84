import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CertificateList } from "~/certificates/certificate-list";
import { issueMissingCertificates, listCertificatesForUser } from "~/certificates/certificates.server";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["certificates"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Completions recorded before certificates existed (or whose issuing failed) get theirs here.
  await issueMissingCertificates(user.id);
  return { certificates: await listCertificatesForUser(user.id) };
}

export default function MyCertificatesPage() {
  const { t } = useI18n();
  const { certificates } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("certificates.mine.title")}</h1>
      <p className="lead">{t("certificates.mine.intro")}</p>
      {certificates.length === 0 ? (
        <div className="stack">
          <p>{t("certificates.mine.empty")}</p>
          <p>
            <Link to="/courses" className="button">
              {t("certificates.mine.browse")}
            </Link>
          </p>
        </div>
      ) : (
        <CertificateList certificates={certificates} />
      )}
    </div>
  );
}
