import { Form, Link, NavLink } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import { Notice } from "~/ui/notice";
import { useRootData } from "~/ui/root-data";

export function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const root = useRootData();
  return (
    <Form method="post" action="/language" className="lang-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={root?.path ?? "/"} />
      <label htmlFor="lang-select" className="visually-hidden">
        {t("common.language.label")}
      </label>
      <select id="lang-select" name="lang" defaultValue={locale}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small">
        {t("common.language.submit")}
      </button>
    </Form>
  );
}

export function SiteHeader() {
  const { t } = useI18n();
  const root = useRootData();
  const user = root?.user;
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t("common.nav.skip")}
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand">
          Tadrib <span className="brand-ar" lang="ar">تدريب</span>
        </Link>
        <nav aria-label={t("common.nav.label")} className="site-nav">
          <ul>
            <li>
              <NavLink to="/courses">{t("common.nav.courses")}</NavLink>
            </li>
            {user ? (
              <li>
                <NavLink to="/me">{t("common.nav.me")}</NavLink>
              </li>
            ) : null}
            {user?.role === "reviewer" || user?.role === "admin" ? (
              <li>
                <NavLink to="/review">{t("common.nav.review")}</NavLink>
              </li>
            ) : null}
            {user?.manages ? (
              <li>
                <NavLink to="/org">{t("common.nav.organisation")}</NavLink>
              </li>
            ) : null}
            {user?.role === "admin" ? (
              <>
                <li>
                  <NavLink to="/admin/reports">{t("common.nav.reports")}</NavLink>
                </li>
                <li>
                  <NavLink to="/admin" end>
                    {t("common.nav.admin")}
                  </NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
        <div className="site-tools">
          <LanguageSwitcher />
          {user ? (
            <Form method="post" action="/logout" className="inline-form">
              <Link to="/account" className="user-name">
                <bdi>{user.name}</bdi>
                <span className="visually-hidden"> ({t("common.nav.account")})</span>
              </Link>{" "}
              <button type="submit" className="button button-small button-secondary">
                {t("common.nav.logout")}
              </button>
            </Form>
          ) : (
            <span className="auth-links">
              <Link to="/login">{t("common.nav.login")}</Link>
              <Link to="/signup" className="button button-small">
                {t("common.nav.signup")}
              </Link>
            </span>
          )}
        </div>
      </div>
      <Notice />
    </header>
  );
}

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <p>
        {t("common.footer.tagline")} · <Link to="/privacy">{t("common.footer.privacy")}</Link> ·{" "}
        <Link to="/verify">{t("common.footer.verify")}</Link>
      </p>
    </footer>
  );
}
