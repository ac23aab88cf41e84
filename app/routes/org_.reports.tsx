import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { OrgHeader } from "~/organisations/org-nav";
import { reportPageData } from "~/reports/report-page.server";
import { ReportPage } from "~/reports/report-page";
import { managerViewer, savedReportRouteAction } from "~/reports/report-routes.server";
import peopleCss from "~/styles/people.css?url";
import reportsCss from "~/styles/reports.css?url";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["organisations", "reports"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.title");
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleCss },
  { rel: "stylesheet", href: reportsCss },
];

/** An organisation manager's report: their organisation's figures only, whatever the query string says. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, locale } = await managerViewer(request);
  return reportPageData(request, viewer, locale);
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await managerViewer(request);
  return savedReportRouteAction(request, viewer, "/org/reports");
}

export default function OrganisationReportsPage() {
  const { t, tx } = useI18n();
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const name = data.report.scope?.organisationName ?? "";
  return (
    <ReportPage
      data={data}
      basePath="/org/reports"
      title={t("reports.orgTitle", { organisation: name })}
      titleNode={tx("reports.orgTitle", { organisation: <bdi>{name}</bdi> })}
      header={<OrgHeader organisation={{ name }} />}
      intro={t("reports.orgIntro")}
      done={params.get("done")}
      outcome={outcome}
    />
  );
}
