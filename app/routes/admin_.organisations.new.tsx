import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { organisationSchema } from "~/organisations/forms";
import { OrganisationForm } from "~/organisations/organisation-form";
import { saveOrganisation } from "~/organisations/organisations.server";
import { listRegions } from "~/organisations/regions.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["learning", "organisations"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request);
  return { regions: await listRegions(detectLocale(request, user.locale)) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request);
  const submission = parseWithZod(await readFormData(request), { schema: organisationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await saveOrganisation(submission.value);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.fieldErrors }), { status: 400 });
  throw redirect(`/admin/organisations/${saved.id}?done=created`);
}

export default function NewOrganisationPage() {
  const { t } = useI18n();
  const { regions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="page page-narrow stack">
      <Breadcrumbs items={[{ label: t("common.nav.admin"), to: "/admin" }, { label: t("organisations.admin.title"), to: "/admin/organisations" }, { label: t("organisations.new.title") }]} />
      <h1>{t("organisations.new.title")}</h1>
      <OrganisationForm lastResult={lastResult} regions={regions} submitLabel={t("organisations.new.submit")} />
    </div>
  );
}
