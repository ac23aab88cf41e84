import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useForeign, useI18n } from "~/i18n/react";
import { QuizPanel } from "~/learning/quiz/quiz-panel";
import { quizFormAction, quizPage } from "~/learning/quiz/quiz-pages.server";
import { Breadcrumbs, courseCrumbs } from "~/ui/breadcrumbs";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["courses", "learning", "quiz"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.panel.state.title} · ${data.course.title} · Tadrib` : "Tadrib" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const lesson = new URL(request.url).searchParams.get("lesson");
  return quizPage(params.slug ?? "", params.quizId ?? "", lesson, user, detectLocale(request, user.locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return quizFormAction(request, params.slug ?? "", params.quizId ?? "", user);
}

export default function QuizPage() {
  const { t } = useI18n();
  const page = useLoaderData<typeof loader>();
  const foreign = useForeign(page.panel.lang);
  const lessonHref = page.lesson ? `/courses/${page.course.slug}/${page.lesson.id}` : null;
  return (
    <div className="page page-reading quiz-page">
      <Breadcrumbs
        items={[
          ...courseCrumbs(t, page.course, foreign),
          ...(page.lesson && lessonHref ? [{ label: page.lesson.title, to: lessonHref, foreign }] : []),
          { label: page.panel.state.title, foreign },
        ]}
      />
      {page.fallback ? <p className="alert alert-info">{t("learning.lesson.fallback", { language: t(`courses.language.${page.panel.lang}`) })}</p> : null}
      <QuizPanel data={page.panel} headingLevel={1} />
      {lessonHref ? (
        <p>
          <Link to={lessonHref}>{t("quiz.page.backToLesson")}</Link>
        </p>
      ) : null}
    </div>
  );
}
