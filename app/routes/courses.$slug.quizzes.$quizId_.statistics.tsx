import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useForeign, useI18n } from "~/i18n/react";
import { quizStatisticsPage } from "~/learning/quiz/quiz-pages.server";
import { Breadcrumbs, courseCrumbs } from "~/ui/breadcrumbs";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["learning", "quiz"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.course.title} · Tadrib` : "Tadrib" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return quizStatisticsPage(params.slug ?? "", params.quizId ?? "", user, detectLocale(request, user.locale));
}

export default function QuizStatisticsPage() {
  const { t, tx, formatNumber } = useI18n();
  const page = useLoaderData<typeof loader>();
  const foreign = useForeign(page.lang);
  const { statistics } = page;
  const lessonHref = page.lesson ? `/courses/${page.course.slug}/${page.lesson.id}` : null;
  return (
    <div className="page quiz-statistics-page stack">
      <Breadcrumbs
        items={[...courseCrumbs(t, page.course, foreign), { label: t("quiz.statistics.title", { title: page.title }) }]}
      />
      <h1>{t("quiz.statistics.title", { title: page.title })}</h1>
      <p>{t("quiz.statistics.intro")}</p>
      <dl className="facts">
        <dt>{t("quiz.statistics.attempts")}</dt>
        <dd>{formatNumber(statistics.attempts)}</dd>
        <dt>{t("quiz.statistics.passed")}</dt>
        <dd>{formatNumber(statistics.passed)}</dd>
        {statistics.averagePercent !== null ? (
          <>
            <dt>{t("quiz.statistics.average")}</dt>
            <dd>{t("quiz.statistics.averageValue", { percent: formatNumber(statistics.averagePercent, { maximumFractionDigits: 1 }) })}</dd>
          </>
        ) : null}
      </dl>
      {statistics.attempts === 0 ? <p className="alert alert-info">{t("quiz.statistics.none")}</p> : null}
      <div className="table-wrap">
        <table>
          <caption>{t("quiz.statistics.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quiz.statistics.question")}</th>
              <th scope="col" className="num">
                {t("quiz.statistics.asked")}
              </th>
              <th scope="col" className="num">
                {t("quiz.statistics.correct")}
              </th>
              <th scope="col" className="num">
                {t("quiz.statistics.rate")}
              </th>
              <th scope="col">{t("quiz.statistics.wrong")}</th>
            </tr>
          </thead>
          <tbody>
            {statistics.questions.map((q) => (
              <tr key={q.questionId}>
                <th scope="row">
                  <span {...foreign}>{q.prompt}</span>
                  {q.caseTitle ? (
                    <span className="meta quiz-stat-case">{tx("quiz.statistics.inCase", { title: <bdi {...foreign}>{q.caseTitle}</bdi> })}</span>
                  ) : null}
                </th>
                <td className="num">{formatNumber(q.asked)}</td>
                <td className="num">{formatNumber(q.correct)}</td>
                <td className="num">
                  {q.asked ? t("quiz.statistics.rateValue", { percent: formatNumber((q.correct / q.asked) * 100, { maximumFractionDigits: 0 }) }) : "—"}
                </td>
                <td>
                  {q.mostChosenWrong ? (
                    tx("quiz.statistics.wrongValue", {
                      label:
                        q.type === "true-false" ? t(`quiz.attempt.${q.mostChosenWrong.value}`) : <bdi {...foreign}>{q.mostChosenWrong.label}</bdi>,
                      count: q.mostChosenWrong.count,
                    })
                  ) : (
                    t("quiz.statistics.noWrong")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lessonHref ? (
        <p>
          <Link to={lessonHref}>{t("quiz.statistics.backToLesson")}</Link>
        </p>
      ) : null}
    </div>
  );
}
