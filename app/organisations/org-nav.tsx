import { NavLink } from "@remix-run/react";
import { useI18n } from "~/i18n/react";

/**
 * The sub-navigation of the organisation manager's pages (/org…), with the
 * organisation's name above it. Every /org page renders it, /org/reports too.
 */
export function OrgHeader({ organisation }: { organisation: { name: string } }) {
  const { t, tx } = useI18n();
  return (
    <div className="stack">
      <p className="muted">{tx("organisations.org.managing", { organisation: <bdi>{organisation.name}</bdi> })}</p>
      <nav aria-label={t("organisations.org.navLabel")} className="sub-nav">
        <ul>
          <li>
            <NavLink to="/org" end>
              {t("organisations.org.nav.members")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/org/members/new">{t("organisations.org.nav.invite")}</NavLink>
          </li>
          <li>
            <NavLink to="/org/reports">{t("organisations.org.nav.reports")}</NavLink>
          </li>
        </ul>
      </nav>
    </div>
  );
}
