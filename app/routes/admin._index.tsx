import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { foreignLang, LOCALE_NAMES } from "~/i18n/locales";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { adminOverview } from "~/learning/admin-overview.server";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "courses"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return adminOverview(page, detectLocale(request, user.locale));
}

export default function AdminPage() {
  const { t, locale, formatDate, formatNumber } = useI18n();
  const { users, page, pages, totalUsers, courses } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro")}</p>

      <nav aria-labelledby="admin-tools">
        <h2 id="admin-tools">{t("admin.tools.title")}</h2>
        <ul className="cards admin-tools">
          {(
            [
              ["reports", "/admin/reports"],
              ["sessions", "/admin/sessions"],
              ["import", "/admin/import"],
              ["scorm", "/admin/scorm"],
              ["organisations", "/admin/organisations"],
              ["deletions", "/admin/deletions"],
              ["apiTokens", "/admin/api-tokens"],
            ] as const
          ).map(([tool, href]) => (
            <li className="card" key={tool}>
              <h3>
                <Link to={href}>{t(`admin.tools.${tool}`)}</Link>
              </h3>
              <p className="muted">{t(`admin.tools.${tool}Hint`)}</p>
            </li>
          ))}
          <li className="card">
            <h3>
              <Link to="/admin/certificates">{t("admin.tools.certificates")}</Link>
            </h3>
            <p className="muted">{t("admin.tools.certificatesHint")}</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/admin/reviewers">{t("admin.tools.reviewers")}</Link>
            </h3>
            <p className="muted">{t("admin.tools.reviewersHint")}</p>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="admin-courses">
        <h2 id="admin-courses">{t("admin.courses.title")}</h2>
        <p id="export-hint" className="muted">
          {t("admin.courses.exportHint")}
        </p>
        {courses.length === 0 ? (
          <p>{t("admin.courses.empty")}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-courses">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.courses.course")}</th>
                  <th scope="col" className="num">
                    {t("admin.courses.enrolled")}
                  </th>
                  <th scope="col" className="num">
                    {t("admin.courses.completed")}
                  </th>
                  <th scope="col">{t("admin.courses.version")}</th>
                  <th scope="col" className="num">
                    {t("admin.courses.assignments")}
                  </th>
                  <th scope="col">{t("admin.courses.quizzes")}</th>
                  <th scope="col">{t("admin.courses.cohorts")}</th>
                  <th scope="col">{t("admin.courses.export")}</th>
                </tr>
              </thead>
              <tbody>
                {courses.map((course) => (
                  <tr key={course.slug}>
                    <th scope="row" {...foreignLang(course.lang, locale)}>
                      <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                    </th>
                    <td className="num">{formatNumber(course.enrolled)}</td>
                    <td className="num">{formatNumber(course.completed)}</td>
                    <td>
                      <code dir="ltr">{course.version}</code>
                      <br />
                      <span className="muted">{t("admin.courses.earlier", { count: course.onEarlierVersions })}</span>
                    </td>
                    <td className="num">
                      {course.awaitingReview ? (
                        <Link to="/review" aria-label={`${t("admin.courses.review")} (${formatNumber(course.awaitingReview)})`}>
                          {formatNumber(course.awaitingReview)}
                        </Link>
                      ) : (
                        formatNumber(0)
                      )}
                    </td>
                    <td>
                      {course.quizzes.length ? (
                        <ul className="plain-list">
                          {course.quizzes.map((quiz) => (
                            <li key={quiz.id}>
                              <Link to={quiz.href} {...foreignLang(course.lang, locale)}>
                                {quiz.title}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">{t("admin.courses.noQuiz")}</span>
                      )}
                    </td>
                    <td>
                      <Link to={`/admin/courses/${course.slug}/cohorts`}>{t("admin.courses.cohorts")}</Link>
                    </td>
                    <td>
                      {/* A plain GET form: the browser downloads the zip the resource route answers with. */}
                      <form method="get" action={`/admin/courses/${course.slug}/export-scorm`} className="stack">
                        <label htmlFor={`export-${course.slug}`}>{t("admin.courses.exportLanguage")}</label>
                        <select id={`export-${course.slug}`} name="lang" defaultValue={course.lang} aria-describedby="export-hint">
                          {course.languages.map((lang) => (
                            <option key={lang} value={lang} lang={lang}>
                              {LOCALE_NAMES[lang]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button-secondary button-small">
                          {t("admin.courses.exportButton")}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="admin-users">
        <h2 id="admin-users">{t("admin.users.title")}</h2>
        <p>{t("admin.users.total", { count: totalUsers })}</p>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-users">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.users.name")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.role")}</th>
                <th scope="col">{t("admin.users.language")}</th>
                <th scope="col">{t("admin.users.created")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <bdi>{user.name}</bdi>
                  </td>
                  <td>
                    <span dir="ltr">{user.email}</span>
                  </td>
                  <td>{t(`admin.roles.${user.role}`)}</td>
                  <td>{t(`courses.language.${user.locale}`)}</td>
                  <td>{formatDate(user.createdAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav aria-label={t("admin.pagination.label")} className="pagination">
            {page > 1 ? <Link to={`?page=${page - 1}`}>{t("admin.pagination.previous")}</Link> : null}
            <span>{t("admin.pagination.page", { page, pages })}</span>
            {page < pages ? <Link to={`?page=${page + 1}`}>{t("admin.pagination.next")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
