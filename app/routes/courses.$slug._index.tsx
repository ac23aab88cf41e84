import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/guards.server";
import { foreignLang } from "~/i18n/locales";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { coursePage, enrolInCourse } from "~/learning/course-pages.server";
import { CertificateReady, RemainingSteps, RuleCounts, RuleOverview, StepStates } from "~/learning/completion-ui";
import { ProgressMeter } from "~/learning/progress-meter";
import { studyTimeText } from "~/learning/study-time";
import { useRootData } from "~/ui/root-data";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import type { I18nHandle } from "~/i18n/namespaces";
import type { RenderOnceHandle } from "~/http/render-once.server";

// Rendered from its loader data alone: sent again as bytes while that data stays the same (decision 034).
export const handle: I18nHandle & RenderOnceHandle = { i18n: ["completion", "courses", "learning"], renderOnce: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Tadrib` : "Tadrib" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return coursePage(params.slug ?? "", detectLocale(request, user?.locale), user?.id ?? null);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return enrolInCourse(params.slug ?? "", user.id);
}

export default function CoursePage() {
  const { t, locale, formatList } = useI18n();
  const { course, outline, enrolment, rule, ruleSteps } = useLoaderData<typeof loader>();
  const justEnrolled = useActionData<typeof action>()?.enrolled;
  const root = useRootData();
  const foreign = foreignLang(course.lang, locale);
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`;
  const signupHref = `/signup?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`;

  return (
    <div className="page page-reading course-page">
      <Breadcrumbs items={[{ label: t("learning.lesson.courses"), to: "/courses" }, { label: course.title, foreign }]} />
      <h1 {...foreign}>{course.title}</h1>
      {course.fallback ? (
        <p className="alert alert-info">{t("courses.fallback", { language: t(`courses.language.${course.lang}`) })}</p>
      ) : null}
      <p className="lead" {...foreign}>
        {course.summary}
      </p>
      <dl className="facts">
        <dt>{t("courses.facts.audience")}</dt>
        <dd {...foreign}>{course.audience}</dd>
        {course.minutes !== null ? (
          <>
            <dt>{t("courses.facts.duration")}</dt>
            <dd className="course-study-time">{studyTimeText(t, course.minutes)}</dd>
          </>
        ) : null}
        <dt>{t("courses.facts.hours")}</dt>
        <dd>{t("courses.hours", { count: course.hours })}</dd>
        <dt>{t("courses.facts.content")}</dt>
        <dd>
          {t("courses.modules", { count: course.modules })} · {t("courses.lessons", { count: course.lessons })}
        </dd>
        <dt>{t("courses.facts.languages")}</dt>
        <dd>{formatList(course.languages.map((l) => t(`courses.language.${l}`)))}</dd>
      </dl>

      {justEnrolled ? (
        <p className="alert alert-success" role="status">
          {t("courses.course.enrolled")}
        </p>
      ) : null}

      {enrolment ? (
        <div className="stack course-enrolment">
          {enrolment.completedAt ? (
            <CertificateReady completedAt={enrolment.completedAt} certificate={enrolment.certificate} heading="h2" />
          ) : null}
          <ProgressMeter
            percent={enrolment.percent}
            label={t("courses.course.progressLabel")}
            text={t("courses.course.progress", { percent: enrolment.percent })}
          />
          <RuleCounts counts={rule} />
          {!enrolment.completedAt ? <RemainingSteps steps={enrolment.unplaced} lang={course.lang} /> : null}
          <p className="actions">
            <Link to={`/courses/${course.slug}/${enrolment.resumeLessonId}`} className="button">
              {enrolment.started ? t("courses.course.resume") : t("courses.course.start")}
            </Link>
          </p>
        </div>
      ) : root?.user ? (
        <Form method="post" className="actions">
          <button type="submit" className="button">
            {t("courses.course.enrol")}
          </button>
        </Form>
      ) : (
        <p className="actions">
          <Link to={loginHref} className="button">
            {t("courses.course.loginToEnrol")}
          </Link>
          <Link to={signupHref}>{t("courses.course.signup")}</Link>
        </p>
      )}

      {!enrolment ? <RuleOverview counts={rule} steps={ruleSteps} lang={course.lang} /> : null}

      <h2>{t("courses.course.outline")}</h2>
      {outline.map((mod, m) => {
        // The module title may be in the course's language, not the page's: it gets its own lang.
        const [before, after = ""] = t("courses.course.module", { number: m + 1 }).split("{title}");
        return (
          <section key={mod.id} className="outline-module" aria-labelledby={`module-${mod.id}`}>
            <h3 id={`module-${mod.id}`}>
              {before}
              <span {...foreign}>{mod.title}</span>
              {after}
            </h3>
            {mod.progress && mod.progress.required > 0 ? (
              <p className="muted module-progress">{t("completion.module.progress", mod.progress)}</p>
            ) : null}
            <ol className="outline">
              {mod.lessons.map((lesson) => (
                <li key={lesson.id}>
                  {enrolment ? (
                    <Link to={`/courses/${course.slug}/${lesson.id}`} {...foreign}>
                      {lesson.title}
                    </Link>
                  ) : (
                    <span {...foreign}>{lesson.title}</span>
                  )}
                  {enrolment ? (
                    <span className={`badge lesson-status lesson-status-${lesson.state}`}>
                      {t(`courses.course.status.${lesson.state}`)}
                    </span>
                  ) : null}
                  {lesson.minutes !== null ? (
                    <span className="muted lesson-minutes">{t("courses.approx", { duration: t("courses.minutes", { count: lesson.minutes }) })}</span>
                  ) : null}
                  {lesson.required ? null : <span className="badge">{t("completion.step.optional")}</span>}
                  <StepStates steps={lesson.steps} lang={course.lang} withState={Boolean(enrolment)} />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
