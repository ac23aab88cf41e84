import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { reviewersAdminAction, reviewersAdminPage } from "~/learning/assignment/reviewers-admin.server";
import { FieldErrors } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["assignment"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignment.reviewers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return reviewersAdminPage(detectLocale(request, user.locale));
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const result = await reviewersAdminAction(await readFormData(request));
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function ReviewersAdminPage() {
  const { t, tx, locale } = useI18n();
  const { courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : { email: "", courseId: "" };
  const addForm = useRef<HTMLFormElement>(null);
  // After a successful change the add form starts empty again (the browser keeps what was typed otherwise).
  useEffect(() => {
    if (result?.ok) addForm.current?.reset();
  }, [result]);
  const foreign = (lang: string) => foreignLang(lang as Locale, locale);

  return (
    <div className="page page-narrow stack">
      <h1>{t("assignment.reviewers.title")}</h1>
      <p>{t("assignment.reviewers.intro")}</p>
      {result?.ok ? (
        <p className="alert alert-success" role="status">
          {t(`assignment.reviewers.done.${result.done}`)}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="add-reviewer-title">
        <h2 id="add-reviewer-title">{t("assignment.reviewers.addTitle")}</h2>
        <Form method="post" className="form" ref={addForm}>
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="reviewer-email">{t("assignment.reviewers.email")}</label>
            <input
              id="reviewer-email"
              name="email"
              type="email"
              required
              autoComplete="off"
              defaultValue={values.email}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "reviewer-email-error" : undefined}
            />
            <FieldErrors id="reviewer-email-error" errors={errors.email} />
          </div>
          <div className="field">
            <label htmlFor="reviewer-course">{t("assignment.reviewers.course")}</label>
            <select
              id="reviewer-course"
              name="courseId"
              required
              defaultValue={values.courseId}
              aria-invalid={errors.courseId ? true : undefined}
              aria-describedby={errors.courseId ? "reviewer-course-error" : undefined}
            >
              {courses.map((c) => (
                <option key={c.id} value={c.id} {...foreign(c.lang)}>
                  {c.title}
                </option>
              ))}
            </select>
            <FieldErrors id="reviewer-course-error" errors={errors.courseId} />
          </div>
          <p className="actions">
            <button type="submit" className="button">
              {t("assignment.reviewers.add")}
            </button>
          </p>
        </Form>
      </section>

      <section className="stack" aria-labelledby="reviewers-list-title">
        <h2 id="reviewers-list-title">{t("assignment.reviewers.listTitle")}</h2>
        {courses.map((course) => (
          <section key={course.id} className="stack" aria-labelledby={`course-${course.id}`}>
            <h3 id={`course-${course.id}`} {...foreign(course.lang)}>
              {course.title}
            </h3>
            {course.reviewers.length ? (
              <ul className="reviewer-list">
                {course.reviewers.map((r) => (
                  <li key={r.id}>
                    <bdi>{r.name}</bdi> <span className="muted">{r.email}</span>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={r.id} />
                      <input type="hidden" name="courseId" value={course.id} />
                      <button type="submit" className="button button-small button-secondary">
                        {t("assignment.reviewers.remove")}
                        <span className="visually-hidden"> {tx("assignment.reviewers.removeWho", { name: <bdi>{r.name}</bdi> })}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("assignment.reviewers.none")}</p>
            )}
          </section>
        ))}
      </section>
    </div>
  );
}
