import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["privacy"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.title");

// What the platform does today, no more: a section is added here when the feature it describes lands.
const SECTIONS = [
  { id: "data", items: ["account", "profile", "training", "technical"] },
  { id: "purposes", items: ["learning", "reports", "certificates", "follow-up", "security"] },
  { id: "access", items: ["you", "managers", "reviewers", "admins", "verify", "nobodyElse"] },
] as const;

export default function PrivacyPage() {
  const t = useT();
  return (
    <article className="page page-reading">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section.id} aria-labelledby={`privacy-${section.id}`}>
          <h2 id={`privacy-${section.id}`}>{t(`privacy.${section.id}.title`)}</h2>
          <ul>
            {section.items.map((item) => (
              <li key={item}>{t(`privacy.${section.id}.${item}`)}</li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t("privacy.retention.title")}</h2>
        <p>{t("privacy.retention.body")}</p>
      </section>
      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t("privacy.rights.title")}</h2>
        <p>{t("privacy.rights.body")}</p>
        <p>
          {t("privacy.rights.self")} <Link to="/account">{t("privacy.rights.accountLink")}</Link>
        </p>
        <p>
          {t("privacy.rights.dataSelf")} <Link to="/me/data">{t("privacy.rights.dataLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="privacy-contact">
        <h2 id="privacy-contact">{t("privacy.contact.title")}</h2>
        <p>{t("privacy.contact.body")}</p>
      </section>
    </article>
  );
}
