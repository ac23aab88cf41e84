import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { CertificateList } from "~/certificates/certificate-list";
import { issueMissingCertificates, listCertificatesForUser } from "~/certificates/certificates.server";
import { foreignLang } from "~/i18n/locales";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { learnerDashboard } from "~/learning/dashboard.server";
import { RuleCounts } from "~/learning/completion-ui";
import { ProgressMeter } from "~/learning/progress-meter";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["certificates", "cohorts", "completion", "learning"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "learning.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Completions whose certificate could not be issued at the time get it here.
  await issueMissingCertificates(user.id);
  const [courses, certificates] = await Promise.all([
    learnerDashboard(user.id, detectLocale(request, user.locale)),
    listCertificatesForUser(user.id),
  ]);
  return { courses, certificates };
}

export default function Dashboard() {
  const { t, locale, formatDate } = useI18n();
  const { courses, certificates } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("learning.dashboard.title")}</h1>
      <p className="lead">{t("learning.dashboard.intro")}</p>
      <p>
        <Link to="/join">{t("cohorts.join.title")}</Link>
      </p>
      {courses.length === 0 ? (
        <div className="stack">
          <p>{t("learning.dashboard.empty")}</p>
          <p>
            <Link to="/courses" className="button">
              {t("learning.dashboard.browse")}
            </Link>
          </p>
        </div>
      ) : (
        <ul className="cards">
          {courses.map((course) => {
            const foreign = foreignLang(course.lang, locale);
            return (
              <li key={course.slug} className="card dashboard-card">
                <h2 {...foreign}>
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h2>
                {course.completedAt ? (
                  <p>
                    <span className="badge badge-success">
                      {t("learning.dashboard.completedOn", { date: formatDate(course.completedAt) })}
                    </span>
                  </p>
                ) : null}
                <ProgressMeter
                  percent={course.percent}
                  label={t("learning.dashboard.progressLabel", { title: course.title })}
                  text={t("learning.dashboard.progress", { percent: course.percent })}
                />
                <RuleCounts counts={course.rule} />
                <p className="actions">
                  <Link to={`/courses/${course.slug}/${course.resumeLessonId}`} className="button button-small">
                    {course.completedAt ? t("learning.dashboard.review") : course.percent === 0 ? t("learning.dashboard.start") : t("learning.dashboard.continue")}
                    <span className="visually-hidden" {...foreign}>
                      {" "}
                      {course.resumeLessonTitle}
                    </span>
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {certificates.length ? (
        <section aria-labelledby="my-certificates" className="stack dashboard-certificates">
          <h2 id="my-certificates">{t("completion.dashboard.certificates")}</h2>
          <CertificateList certificates={certificates} headingLevel={3} />
          <p>
            <Link to="/me/certificates">{t("completion.dashboard.allCertificates")}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
