import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { CohortEditor } from "~/learning/cohort-editor";
import { cohortEditPage, saveCohort } from "~/learning/cohorts.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "cohorts", "learning"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohorts.new.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return cohortEditPage(params.slug ?? "", null, detectLocale(request, user.locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const slug = params.slug ?? "";
  const outcome = await saveCohort(slug, null, await readFormData(request));
  if (!outcome.ok) return data(outcome, { status: 400 });
  // To the new cohort's page, where its invite link is to copy.
  throw redirect(`/admin/courses/${slug}/cohorts/${outcome.cohortId}?done=created`);
}

export default function NewCohortPage() {
  const { t, locale } = useI18n();
  const { course } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const foreign = foreignLang(course.lang, locale);
  return (
    <div className="page page-narrow stack">
      <Breadcrumbs
        items={[
          { label: t("admin.title"), to: "/admin" },
          { label: course.title, to: `/admin/courses/${course.slug}/cohorts`, foreign },
          { label: t("cohorts.new.title") },
        ]}
      />
      <h1>{t("cohorts.new.title")}</h1>
      <CohortEditor cohort={null} lastResult={outcome && !outcome.ok ? outcome.result : undefined} />
    </div>
  );
}
