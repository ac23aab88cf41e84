import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { reportPrintData } from "~/reports/report-page.server";
import { ReportPrint } from "~/reports/report-print";
import { adminViewer } from "~/reports/report-routes.server";
import reportsCss from "~/styles/reports.css?url";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["reports"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.print.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, locale } = await adminViewer(request);
  return reportPrintData(request, viewer, locale);
}

export default function ReportPrintPage() {
  const { report, search } = useLoaderData<typeof loader>();
  return <ReportPrint report={report} search={search} basePath="/admin/reports" />;
}
