import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { listOrganisations, organisationFilters } from "~/organisations/organisations.server";
import { listRegions } from "~/organisations/regions.server";
import { ORGANISATION_TYPES } from "~/organisations/types";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "organisations"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request);
  const locale = detectLocale(request, user.locale);
  const params = new URL(request.url).searchParams;
  const filters = organisationFilters(params, ORGANISATION_TYPES);
  const [list, regions] = await Promise.all([listOrganisations(filters, locale), listRegions(locale)]);
  return { ...list, regions, filters };
}

export default function OrganisationsAdminPage() {
  const { t, formatNumber } = useI18n();
  const { organisations, total, page, pages, regions, filters } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.type || filters.regionId);
  return (
    <div className="page stack">
      <h1>{t("organisations.admin.title")}</h1>
      <p>{t("organisations.admin.intro")}</p>
      <p>
        <Link to="/admin/organisations/new" className="button">
          {t("organisations.admin.new")}
        </Link>
      </p>

      <Form method="get" className="form filters" role="search" aria-label={t("organisations.admin.searchTitle")}>
        <div className="field">
          <label htmlFor="organisation-q">{t("organisations.admin.searchLabel")}</label>
          <input id="organisation-q" name="q" type="search" defaultValue={filters.q} maxLength={200} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="organisation-type">{t("organisations.fields.type")}</label>
          <select id="organisation-type" name="type" defaultValue={filters.type ?? ""}>
            <option value="">{t("organisations.admin.anyType")}</option>
            {ORGANISATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`organisations.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="organisation-region">{t("organisations.fields.region")}</label>
          <select id="organisation-region" name="region" defaultValue={filters.regionId ?? ""}>
            <option value="">{t("organisations.admin.anyRegion")}</option>
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("organisations.admin.search")}
          </button>
          {filtered ? <Link to="/admin/organisations">{t("organisations.admin.clear")}</Link> : null}
        </p>
      </Form>

      <p role="status">{t("organisations.admin.count", { count: total })}</p>
      {organisations.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("organisations.admin.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.fields.name")}</th>
                <th scope="col">{t("organisations.fields.type")}</th>
                <th scope="col">{t("organisations.fields.region")}</th>
                <th scope="col">{t("organisations.fields.city")}</th>
                <th scope="col" className="num">
                  {t("organisations.admin.members")}
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/admin/organisations/${o.id}`}>
                      <bdi>{o.name}</bdi>
                    </Link>
                  </th>
                  <td>{t(`organisations.type.${o.type}`)}</td>
                  <td>{o.region ?? "—"}</td>
                  <td>
                    <bdi>{o.city ?? "—"}</bdi>
                  </td>
                  <td className="num">{formatNumber(o.members)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{filtered ? t("organisations.admin.noMatch") : t("organisations.admin.empty")}</p>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
