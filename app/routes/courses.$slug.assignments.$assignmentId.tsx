import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useForeign, useI18n } from "~/i18n/react";
import { assignmentPage, submitAssignmentForm } from "~/learning/assignment/assignment-pages.server";
import { AssignmentPanel } from "~/learning/assignment/assignment-panel";
import { lessonHref } from "~/learning/assignment/types";
import { Breadcrumbs, courseCrumbs } from "~/ui/breadcrumbs";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["assignment", "courses", "learning"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.panel.title} · ${data.course.title} · Tadrib` : "Tadrib" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const lesson = new URL(request.url).searchParams.get("lesson");
  return assignmentPage(params.slug ?? "", params.assignmentId ?? "", lesson, user, detectLocale(request, user.locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await submitAssignmentForm(request, params.slug ?? "", params.assignmentId ?? "", user);
  if (result.ok) return redirect(result.redirectTo);
  return data(result, { status: 400 });
}

export default function AssignmentPage() {
  const { t } = useI18n();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const foreign = useForeign(page.panel.lang);
  const { course, lesson, panel } = page;

  return (
    <div className="page page-reading assignment-page">
      <Breadcrumbs
        items={[
          ...courseCrumbs(t, course, foreign),
          { label: lesson.title, to: lessonHref(course.slug, lesson.id, panel.assignmentId), foreign },
          { label: panel.title, foreign },
        ]}
      />
      {page.fallback ? (
        <p className="alert alert-info">{t("learning.lesson.fallback", { language: t(`courses.language.${panel.lang}`) })}</p>
      ) : null}
      <AssignmentPanel
        data={panel}
        headingLevel={1}
        Form={Form}
        state={result && !result.ok ? result : undefined}
        busy={navigation.state === "submitting"}
      />
      <p>
        <Link to={lessonHref(course.slug, lesson.id, panel.assignmentId)}>{t("assignment.panel.backToLesson")}</Link>
      </p>
    </div>
  );
}
