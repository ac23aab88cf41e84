import { Link, useLocation } from "@remix-run/react";
import { useI18n } from "~/i18n/react";

/** Previous / page n of m / next, keeping the page's other query parameters (search, filters). */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useI18n();
  const { search } = useLocation();
  if (pages <= 1) return null;
  const to = (n: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(n));
    return `?${params}`;
  };
  return (
    <nav aria-label={t("admin.pagination.label")} className="pagination">
      {page > 1 ? <Link to={to(page - 1)}>{t("admin.pagination.previous")}</Link> : null}
      <span>{t("admin.pagination.page", { page, pages })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("admin.pagination.next")}</Link> : null}
    </nav>
  );
}
