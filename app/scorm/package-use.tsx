import { Form, Link } from "@remix-run/react";
import { textIn } from "~/catalog/outline";
import type { LocalizedText } from "~/catalog/types";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { FieldErrors } from "~/ui/fields";

/**
 * /admin/scorm once a package is stored: what to make of it (a new course, a
 * lesson in a course made from packages, a new version of a lesson's
 * package). Plain forms; the server (app/scorm/package-courses.server.ts)
 * checks everything again and answers with catalogue keys.
 */

export type UseCourse = {
  slug: string;
  title: LocalizedText;
  modules: { id: string; title: LocalizedText; lessons: { id: string; title: LocalizedText }[] }[];
  packages: { id: string; sha256: string }[];
};

export type UseIntent = "create-course" | "add-lesson" | "replace-package";

export type UseResult =
  | { ok: true; action: "created" | "added" | "replaced"; slug: string; lessonId: string; courseTitle: LocalizedText }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; buildProblems: string[] };

type Props = {
  pkg: { sha256: string; title: string };
  courses: UseCourse[];
  intent?: UseIntent;
  result?: UseResult;
  values?: Record<string, string>;
};

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: (aria: object) => React.ReactNode }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined })}
      <FieldErrors id={`${id}-error`} errors={error ? [error] : undefined} />
    </div>
  );
}

export function PackageUse({ pkg, courses, intent, result, values = {} }: Props) {
  const { t, locale } = useI18n();
  const errorsFor = (which: UseIntent) => (intent === which && result && !result.ok && "errors" in result ? result.errors : {});
  const create = errorsFor("create-course");
  const add = errorsFor("add-lesson");
  const replace = errorsFor("replace-package");
  const keep = (which: UseIntent, name: string) => (intent === which ? values[name] : undefined);
  const packageError = create.package ?? add.package ?? replace.package;
  const targets = courses.flatMap((c) => c.packages.filter((p) => p.sha256 !== pkg.sha256).map((p) => ({ course: c, id: p.id })));
  const lessonTitle = (course: UseCourse, lessonId: string) =>
    textIn(course.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonId)?.title ?? {}, locale) || lessonId;

  return (
    <section className="stack scorm-use" aria-labelledby="use-title">
      <h2 id="use-title">{t("scorm.use.title")}</h2>
      <p>{t("scorm.use.intro")}</p>
      <p className="field-hint">
        {t("scorm.use.packageKey")} <code dir="ltr">{pkg.sha256}</code>
      </p>

      {result?.ok ? (
        <p className="alert alert-success" role="status">
          {t(`scorm.use.done.${result.action}`, { title: textIn(result.courseTitle, locale) })}{" "}
          <Link to={`/courses/${result.slug}/${result.lessonId}`}>{t("scorm.use.done.open")}</Link>
        </p>
      ) : null}
      {result && !result.ok && "buildProblems" in result ? (
        <div className="alert alert-error" role="alert">
          <p>{t("scorm.use.buildFailed")}</p>
          <ul>
            {result.buildProblems.map((problem, i) => (
              <li key={i}>
                <code dir="ltr">{problem}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {packageError ? (
        <p className="alert alert-error" role="alert">
          {t(packageError)}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="use-course-title">
        <h3 id="use-course-title">{t("scorm.use.newCourse.title")}</h3>
        <Form method="post" className="form" aria-labelledby="use-course-title">
          <input type="hidden" name="intent" value="create-course" />
          <input type="hidden" name="sha256" value={pkg.sha256} />
          <Field id="course-title" label={t("scorm.use.fields.title")} error={create.title}>
            {(aria) => <input {...aria} type="text" name="title" required maxLength={200} defaultValue={keep("create-course", "title") ?? pkg.title} dir="auto" />}
          </Field>
          <Field id="course-slug" label={t("scorm.use.fields.slug")} hint={t("scorm.use.fields.slugHint")} error={create.slug}>
            {(aria) => <input {...aria} type="text" name="slug" required maxLength={60} pattern="[a-z0-9]+(-[a-z0-9]+)*" dir="ltr" defaultValue={keep("create-course", "slug")} />}
          </Field>
          <Field id="course-language" label={t("scorm.use.fields.packageLanguage")} error={create.packageLanguage}>
            {(aria) => (
              <select {...aria} name="packageLanguage" defaultValue={keep("create-course", "packageLanguage") ?? locale}>
                {LOCALES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="stack" aria-describedby="course-languages-hint">
            <legend>{t("scorm.use.fields.languages")}</legend>
            <p id="course-languages-hint" className="field-hint">
              {t("scorm.use.fields.languagesHint")}
            </p>
            {LOCALES.map((l) => (
              <label key={l} className="checkbox">
                <input type="checkbox" name="languages" value={l} defaultChecked={keep("create-course", "languages")?.split(",").includes(l)} /> <span lang={l}>{LOCALE_NAMES[l]}</span>
              </label>
            ))}
            <FieldErrors id="course-languages-error" errors={create.languages ? [create.languages] : undefined} />
          </fieldset>
          <Field id="course-hours" label={t("scorm.use.fields.hours")} error={create.hours}>
            {(aria) => <input {...aria} name="hours" type="number" min="0.5" max="1000" step="0.5" inputMode="decimal" defaultValue={keep("create-course", "hours") ?? "1"} />}
          </Field>
          <p className="actions">
            <button type="submit" className="button">
              {t("scorm.use.newCourse.submit")}
            </button>
          </p>
        </Form>
      </section>

      <section className="stack" aria-labelledby="use-lesson-title">
        <h3 id="use-lesson-title">{t("scorm.use.newLesson.title")}</h3>
        {courses.length ? (
          <Form method="post" className="form" aria-labelledby="use-lesson-title">
            <input type="hidden" name="intent" value="add-lesson" />
            <input type="hidden" name="sha256" value={pkg.sha256} />
            <Field id="lesson-where" label={t("scorm.use.fields.where")} error={add.course ?? add.position}>
              {(aria) => (
                <select {...aria} name="where" defaultValue={keep("add-lesson", "where")}>
                  {courses.map((course) => (
                    <optgroup key={course.slug} label={textIn(course.title, locale)}>
                      {course.modules.flatMap((mod) => {
                        const moduleTitle = textIn(mod.title, locale);
                        return [
                          ...mod.lessons.map((lesson, i) => (
                            <option key={`${mod.id}:${i}`} value={`${course.slug}|${mod.id}:${i}`}>
                              {t("scorm.use.newLesson.before", { module: moduleTitle, lesson: textIn(lesson.title, locale) })}
                            </option>
                          )),
                          <option key={`${mod.id}:end`} value={`${course.slug}|${mod.id}:${mod.lessons.length}`}>
                            {t("scorm.use.newLesson.atEnd", { module: moduleTitle })}
                          </option>,
                        ];
                      })}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
            <Field id="lesson-title" label={t("scorm.use.fields.lessonTitle")} error={add.title}>
              {(aria) => <input {...aria} type="text" name="title" required maxLength={200} dir="auto" defaultValue={keep("add-lesson", "title") ?? pkg.title} />}
            </Field>
            <Field id="lesson-id" label={t("scorm.use.fields.lessonId")} hint={t("scorm.use.fields.lessonIdHint")} error={add.lessonId}>
              {(aria) => <input {...aria} type="text" name="lessonId" required maxLength={60} pattern="[a-z0-9]+(-[a-z0-9]+)*" dir="ltr" defaultValue={keep("add-lesson", "lessonId")} />}
            </Field>
            <p className="actions">
              <button type="submit" className="button">
                {t("scorm.use.newLesson.submit")}
              </button>
            </p>
          </Form>
        ) : (
          <p>{t("scorm.use.newLesson.none")}</p>
        )}
        <p>{t("scorm.use.newLesson.library")}</p>
        <pre dir="ltr">
          <code>{'<Scorm id="signs" />'}</code>
        </pre>
        <p>{t("scorm.use.newLesson.libraryFile")}</p>
        <pre dir="ltr">
          <code>{`sha256: ${pkg.sha256}`}</code>
        </pre>
      </section>

      <section className="stack" aria-labelledby="use-replace-title">
        <h3 id="use-replace-title">{t("scorm.use.replace.title")}</h3>
        {targets.length ? (
          <Form method="post" className="form" aria-labelledby="use-replace-title">
            <input type="hidden" name="intent" value="replace-package" />
            <input type="hidden" name="sha256" value={pkg.sha256} />
            <Field id="replace-target" label={t("scorm.use.fields.target")} hint={t("scorm.use.replace.hint")} error={replace.target}>
              {(aria) => (
                <select {...aria} name="target" defaultValue={keep("replace-package", "target")}>
                  {targets.map(({ course, id }) => (
                    <option key={`${course.slug}/${id}`} value={`${course.slug}/${id}`}>
                      {t("scorm.use.replace.option", { course: textIn(course.title, locale), lesson: lessonTitle(course, id) })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <p className="actions">
              <button type="submit" className="button">
                {t("scorm.use.replace.submit")}
              </button>
            </p>
          </Form>
        ) : (
          <p>{t("scorm.use.replace.none")}</p>
        )}
      </section>
    </section>
  );
}
