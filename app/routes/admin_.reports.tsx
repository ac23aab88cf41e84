import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { reportPageData } from "~/reports/report-page.server";
import { ReportPage } from "~/reports/report-page";
import { adminViewer, savedReportRouteAction } from "~/reports/report-routes.server";
import reportsCss from "~/styles/reports.css?url";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["reports"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, locale } = await adminViewer(request);
  return reportPageData(request, viewer, locale);
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await adminViewer(request);
  return savedReportRouteAction(request, viewer, "/admin/reports");
}

export default function AdminReportsPage() {
  const { t } = useI18n();
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <ReportPage data={data} basePath="/admin/reports" title={t("reports.title")} intro={t("reports.intro")} done={params.get("done")} outcome={outcome} />;
}
