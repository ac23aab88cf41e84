import { Link } from "@remix-run/react";
import { foreignLang, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";

export type CertificateListItem = {
  id: string;
  code: string;
  courseTitle: string;
  hours: number;
  locale: Locale;
  completedAt: Date | string;
  expiresAt: Date | string | null;
  status: "valid" | "revoked" | "expired";
};

export function certificatePdfPath(id: string): string {
  return `/me/certificates/${id}.pdf`;
}

/**
 * A learner's certificates as cards: download, verification link, code.
 * Exported for /me as well as /me/certificates. The course title is in the
 * certificate's language, which may differ from the page's.
 */
export function CertificateList({ certificates, headingLevel = 2 }: { certificates: CertificateListItem[]; headingLevel?: 2 | 3 }) {
  const { t, tx, locale, formatDate } = useI18n();
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="cards certificate-list">
      {certificates.map((c) => {
        const foreign = foreignLang(c.locale, locale);
        return (
          <li key={c.id} className="card">
            <Heading {...foreign}>{c.courseTitle}</Heading>
            <p className="meta">
              {t("certificates.mine.completedOn", { date: formatDate(c.completedAt) })} ·{" "}
              {t("certificates.mine.hours", { count: c.hours })}
              {c.expiresAt && c.status === "valid" ? <> · {t("certificates.mine.validUntil", { date: formatDate(c.expiresAt) })}</> : null}
            </p>
            {c.status === "expired" ? (
              <>
                <p>
                  <span className="badge badge-warning">{t("certificates.mine.expired")}</span>
                </p>
                <p className="muted">{t("certificates.mine.expiredHelp")}</p>
              </>
            ) : null}
            {c.status === "revoked" ? (
              <>
                <p>
                  <span className="badge badge-warning">{t("certificates.mine.revoked")}</span>
                </p>
                <p className="muted">{t("certificates.mine.revokedHelp")}</p>
              </>
            ) : c.status === "expired" ? null : (
              <>
                <p className="meta">
                  {/* Isolated left-to-right so the code keeps its order inside an Arabic sentence. */}
                  {tx("certificates.mine.code", { code: <bdi dir="ltr">{c.code}</bdi> })}
                </p>
                <p className="actions">
                  <a href={certificatePdfPath(c.id)} className="button button-small" download>
                    <span aria-hidden="true">{t("certificates.mine.download")}</span>
                    <span className="visually-hidden">{t("certificates.mine.downloadLabel", { title: c.courseTitle })}</span>
                  </a>
                  <Link to={`/verify/${c.code}`}>{t("certificates.mine.verifyLink")}</Link>
                </p>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
