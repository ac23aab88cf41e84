import { Form } from "@remix-run/react";
import type { Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { FieldErrors } from "~/ui/fields";

export type UploadChoices = {
  cohorts: { id: string; name: string; course: string; lang: Locale }[];
  sessions: { id: string; title: string; startsAt: string }[];
};
type Values = { target: "people" | "cohort" | "session"; cohortId: string; sessionId: string };
type Errors = { file?: string; cohortId?: string; sessionId?: string };

/** The file, and what the import does besides bringing the people in. Works without JavaScript: every choice is on the page. */
export function UploadForm({ choices, values, errors = {} }: { choices: UploadChoices; values: Values; errors?: Errors }) {
  const { t, formatDate } = useI18n();
  const described = (id: string, error?: string) => (error ? `${id}-hint ${id}-error` : `${id}-hint`);
  return (
    <Form method="post" action="/admin/import" encType="multipart/form-data" className="form">
      <div className="field">
        <label htmlFor="import-file">{t("import.upload.file")}</label>
        <p id="import-file-hint" className="field-hint">
          {t("import.upload.fileHint")}
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={described("import-file", errors.file)}
        />
        <FieldErrors id="import-file-error" errors={errors.file ? [errors.file] : undefined} />
      </div>
      <fieldset className="radio-group">
        <legend>{t("import.upload.what")}</legend>
        <div className="radio">
          <input type="radio" id="target-people" name="target" value="people" defaultChecked={values.target === "people"} />
          <label htmlFor="target-people">{t("import.upload.targetPeople")}</label>
        </div>
        <div className="radio">
          <input type="radio" id="target-cohort" name="target" value="cohort" defaultChecked={values.target === "cohort"} disabled={!choices.cohorts.length} />
          <label htmlFor="target-cohort">{t("import.upload.targetCohort")}</label>
        </div>
        <div className="field">
          <label htmlFor="import-cohort">{t("import.upload.cohort")}</label>
          <select
            id="import-cohort"
            name="cohortId"
            defaultValue={values.cohortId}
            aria-invalid={errors.cohortId ? true : undefined}
            aria-describedby={errors.cohortId ? "import-cohort-error" : undefined}
          >
            <option value="">{choices.cohorts.length ? t("import.upload.chooseCohort") : t("import.upload.noCohort")}</option>
            {choices.cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {`${c.course} — ${c.name}`}
              </option>
            ))}
          </select>
          <FieldErrors id="import-cohort-error" errors={errors.cohortId ? [errors.cohortId] : undefined} />
        </div>
        <div className="radio">
          <input type="radio" id="target-session" name="target" value="session" defaultChecked={values.target === "session"} disabled={!choices.sessions.length} />
          <label htmlFor="target-session">{t("import.upload.targetSession")}</label>
        </div>
        <div className="field">
          <label htmlFor="import-session">{t("import.upload.session")}</label>
          <select
            id="import-session"
            name="sessionId"
            defaultValue={values.sessionId}
            aria-invalid={errors.sessionId ? true : undefined}
            aria-describedby={errors.sessionId ? "import-session-error" : undefined}
          >
            <option value="">{choices.sessions.length ? t("import.upload.chooseSession") : t("import.upload.noSession")}</option>
            {choices.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.title} — ${formatDate(s.startsAt, { dateStyle: "medium" })}`}
              </option>
            ))}
          </select>
          <FieldErrors id="import-session-error" errors={errors.sessionId ? [errors.sessionId] : undefined} />
        </div>
      </fieldset>
      <p className="actions">
        <button type="submit" className="button">
          {t("import.upload.submit")}
        </button>
      </p>
      <p className="field-hint">{t("import.upload.nothingYet")}</p>
    </Form>
  );
}
