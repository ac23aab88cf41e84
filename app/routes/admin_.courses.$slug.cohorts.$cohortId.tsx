import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { CohortEditor, InviteLink } from "~/learning/cohort-editor";
import { cohortEditPage, saveCohort } from "~/learning/cohorts.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "cohorts", "learning"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohorts.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const page = await cohortEditPage(params.slug ?? "", params.cohortId ?? "", detectLocale(request, user.locale));
  return { ...page, cohort: page.cohort! };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const slug = params.slug ?? "";
  const outcome = await saveCohort(slug, params.cohortId ?? "", await readFormData(request));
  if (!outcome.ok) return data(outcome, { status: 400 });
  throw redirect(`/admin/courses/${slug}/cohorts?done=saved`);
}

export default function EditCohortPage() {
  const { t, tx, locale, formatNumber } = useI18n();
  const { course, cohort } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const foreign = foreignLang(course.lang, locale);
  return (
    <div className="page page-narrow stack">
      <Breadcrumbs
        items={[
          { label: t("admin.title"), to: "/admin" },
          { label: course.title, to: `/admin/courses/${course.slug}/cohorts`, foreign },
          { label: cohort.name },
        ]}
      />
      <h1>{tx("cohorts.edit.heading", { name: <bdi>{cohort.name}</bdi> })}</h1>
      {params.get("done") === "created" ? (
        <p className="alert alert-success" role="status">
          {t("cohorts.done.created")}
        </p>
      ) : null}
      <p>
        {cohort.capacity === null
          ? t("cohorts.edit.enrolled", { count: cohort.enrolled })
          : t("cohorts.edit.enrolledOf", { count: cohort.enrolled, capacity: formatNumber(cohort.capacity) })}
      </p>
      <section className="stack" aria-labelledby="invite-title">
        <h2 id="invite-title">{t("cohorts.invite.title")}</h2>
        <InviteLink code={cohort.inviteCode} url={cohort.joinUrl} />
      </section>
      <section className="stack" aria-labelledby="edit-title">
        <h2 id="edit-title">{t("cohorts.edit.formTitle")}</h2>
        <CohortEditor cohort={cohort} lastResult={outcome && !outcome.ok ? outcome.result : undefined} />
      </section>
    </div>
  );
}
