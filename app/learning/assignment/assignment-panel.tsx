import { useEffect, useRef, useState } from "react";
import type { useFetcher } from "@remix-run/react";
import { directionOf, type Locale } from "~/i18n/locales";
import { useForeign, useI18n } from "~/i18n/react";
import { FieldErrors, FormErrors } from "~/ui/fields";
import { MAX_TEXT_LENGTH, type AssignmentPanelData, type PanelVersion, type SubmissionStatus } from "./types";
import { countWords, wordCountError } from "./word-count";

/**
 * An assignment as the learner sees it: instructions, the rubric they will be
 * assessed on, every version they handed in with its review, and the form
 * for the next version. Shared by the lesson island (inside a lesson, h2)
 * and the assignment page (h1), which differ only in the form component.
 */

export type SubmitFormState = {
  errors?: Partial<Record<string, string[]>>;
  values?: { text: string };
  maxSizeMB?: number | null;
};

/** Remix's <Form> or a fetcher's: both accept the props of a fetcher form. */
type FormComponent = ReturnType<typeof useFetcher>["Form"];

export function useFileSize() {
  const { t, formatNumber } = useI18n();
  return (bytes: number) =>
    bytes < 1024 * 1024
      ? t("assignment.size.kb", { size: formatNumber(Math.max(1, Math.round(bytes / 1024))) })
      : t("assignment.size.mb", { size: formatNumber(bytes / (1024 * 1024), { maximumFractionDigits: 1 }) });
}

export function StatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useI18n();
  const tone = status === "accepted" ? " badge-success" : status === "revision_requested" ? " badge-warning" : "";
  return <span className={`badge${tone}`}>{t(`assignment.status.${status}`)}</span>;
}

/** One handed-in version with its review, for the learner and for the reviewer's history. */
export function VersionDetails({ version, lang, headingLevel }: { version: PanelVersion; lang: Locale; headingLevel: 3 | 4 }) {
  const { t, formatDate, formatNumber } = useI18n();
  const foreign = useForeign(lang);
  const fileSize = useFileSize();
  const Heading = `h${headingLevel}` as "h3" | "h4";
  const review = version.review;
  return (
    <article className="assignment-version stack" aria-labelledby={`version-${version.id}`}>
      <Heading id={`version-${version.id}`} className="assignment-version-title">
        {t("assignment.version.title", { version: version.version })} <StatusBadge status={version.status} />
      </Heading>
      <p className="meta">{t("assignment.version.submittedOn", { date: formatDate(version.submittedAt, { dateStyle: "long", timeStyle: "short" }) })}</p>
      {version.text ? (
        <blockquote className="assignment-answer" dir="auto">
          {version.text}
        </blockquote>
      ) : null}
      {version.attachment ? (
        <p>
          {t("assignment.version.attachment")}{" "}
          <a href={version.attachment.href} download={version.attachment.name} dir="auto">
            {version.attachment.name}
          </a>{" "}
          <span className="muted">({fileSize(version.attachment.size)})</span>
        </p>
      ) : null}
      {review ? (
        <section className="assignment-review stack" aria-label={t("assignment.review.label", { version: version.version })}>
          <p className="assignment-total">
            <strong>{t(`assignment.decision.${review.decision}`)}</strong> ·{" "}
            {t("assignment.review.total", { points: formatNumber(review.totalPoints), count: review.maxPoints })} ·{" "}
            <span className="muted">{formatDate(review.reviewedAt)}</span>
          </p>
          <div className="table-wrap">
          <table className="assignment-scores">
            <caption className="visually-hidden">{t("assignment.review.scoresCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assignment.rubric.criterion")}</th>
                <th scope="col">{t("assignment.rubric.level")}</th>
                <th scope="col" className="num">
                  {t("assignment.rubric.points")}
                </th>
              </tr>
            </thead>
            <tbody>
              {review.scores.map((s) => (
                <tr key={s.criterionId}>
                  <th scope="row" {...foreign}>
                    {s.criterion}
                  </th>
                  <td {...foreign}>{s.level}</td>
                  <td className="num">
                    {s.maxPoints === null
                      ? formatNumber(s.points)
                      : t("assignment.review.pointsOf", { points: formatNumber(s.points), max: formatNumber(s.maxPoints) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          {review.feedback ? (
            <div className="assignment-feedback">
              <p className="assignment-feedback-title">{t("assignment.review.feedback")}</p>
              <blockquote dir="auto">{review.feedback}</blockquote>
            </div>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}

export function RubricList({ rubric, lang }: { rubric: AssignmentPanelData["rubric"]; lang: Locale }) {
  const { t, locale } = useI18n();
  const foreign = useForeign(lang);
  return (
    <ul className="assignment-rubric" {...foreign}>
      {rubric.map((c) => (
        <li key={c.id}>
          <p className="assignment-criterion">{c.title}</p>
          {c.description ? <p className="muted">{c.description}</p> : null}
          <ul>
            {c.levels.map((l) => (
              <li key={l.id}>
                {l.label} — <span lang={foreign.lang ? locale : undefined} dir={foreign.dir ? directionOf(locale) : undefined}>{t("assignment.rubric.pointsCount", { count: l.points })}</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

type PanelProps = {
  data: AssignmentPanelData;
  headingLevel: 1 | 2;
  Form: FormComponent;
  state?: SubmitFormState;
  busy?: boolean;
};

export function AssignmentPanel({ data, headingLevel, Form, state, busy }: PanelProps) {
  const { t, locale, dir } = useI18n();
  const foreign = useForeign(data.lang);
  const fileSize = useFileSize();
  const Title = `h${headingLevel}` as "h1" | "h2";
  const Sub = `h${headingLevel + 1}` as "h2" | "h3";
  const base = `assignment-${data.assignmentId}`;
  const errors = state?.errors ?? {};
  const latest = data.versions[0];
  const resubmit = latest?.status === "revision_requested";
  const ids = { text: `${base}-text`, file: `${base}-file`, form: `${base}-form-errors` };
  const describe = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ") || undefined;
  const maxSizeMB = data.attachment?.maxSizeMB ?? state?.maxSizeMB ?? 0;
  const kinds = new Intl.ListFormat(locale, { type: "disjunction" }).format(data.attachment?.kinds.map((k) => t(`assignment.kind.${k}`)) ?? []);
  const initialText = state?.values?.text ?? (resubmit ? latest.text : "");
  // Counted as the learner types, with the same rule the server enforces.
  const [words, setWords] = useState(() => countWords(initialText));
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Text typed before the page hydrated (a slow phone) is in the box but was never counted.
  useEffect(() => {
    if (textRef.current) setWords(countWords(textRef.current.value));
  }, []);
  const limits = data.words;
  const wordHint = !limits
    ? null
    : limits.min !== null && limits.max !== null
      ? t("assignment.form.wordRange", { min: limits.min, max: limits.max })
      : limits.min !== null
        ? t("assignment.form.wordMin", { min: limits.min })
        : t("assignment.form.wordMax", { max: limits.max ?? 0 });

  return (
    // The island sits inside the lesson body, which carries the course's language: the interface text here is in the reader's.
    <section className="assignment stack" id={base} aria-labelledby={`${base}-title`} lang={locale} dir={dir}>
      <Title id={`${base}-title`} className="assignment-title">
        <span className="assignment-eyebrow">{t("assignment.panel.eyebrow")}</span> <span {...foreign}>{data.title}</span>
      </Title>
      <div className="assignment-instructions" {...foreign} dangerouslySetInnerHTML={{ __html: data.instructionsHtml }} />

      <details className="assignment-rubric-box" open={headingLevel === 1}>
        <summary>{t("assignment.rubric.summary", { count: data.maxPoints })}</summary>
        <RubricList rubric={data.rubric} lang={data.lang} />
      </details>

      {data.versions.length ? (
        <section className="stack" aria-labelledby={`${base}-versions`}>
          <Sub id={`${base}-versions`}>{t("assignment.version.heading")}</Sub>
          {data.versions.map((v) => (
            <VersionDetails key={v.id} version={v} lang={data.lang} headingLevel={headingLevel === 1 ? 3 : 4} />
          ))}
        </section>
      ) : null}

      {data.blocker ? (
        <p className={`alert ${data.blocker === "assignment.errors.accepted" ? "alert-success" : "alert-info"}`} role="status">
          {t(`assignment.state.${data.blocker.split(".").pop()}`)}
        </p>
      ) : (
        <section className="stack" aria-labelledby={`${base}-form-title`}>
          <Sub id={`${base}-form-title`}>{t(resubmit ? "assignment.form.titleRevision" : "assignment.form.title")}</Sub>
          <Form
            method="post"
            action={`/courses/${data.courseSlug}/assignments/${data.assignmentId}`}
            encType="multipart/form-data"
            className="form"
            aria-describedby={errors.form ? ids.form : undefined}
          >
            <FormErrors id={ids.form} errors={errors.form} />
            <input type="hidden" name="lesson" value={data.lessonId} />
            <div className="field">
              <label htmlFor={ids.text}>
                {t("assignment.form.text")}
                {data.text === "optional" ? ` ${t("assignment.form.optional")}` : ""}
              </label>
              <p id={`${ids.text}-hint`} className="field-hint">
                {wordHint ? `${wordHint} ` : ""}
                {t("assignment.form.textHint", { max: MAX_TEXT_LENGTH })}
              </p>
              <textarea
                id={ids.text}
                name="text"
                rows={10}
                dir="auto"
                maxLength={MAX_TEXT_LENGTH}
                required={data.text === "required"}
                defaultValue={initialText}
                ref={textRef}
                onInput={(event) => setWords(countWords(event.currentTarget.value))}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={describe(`${ids.text}-hint`, data.words ? `${ids.text}-count` : undefined, errors.text && `${ids.text}-error`)}
              />
              {data.words ? (
                <p id={`${ids.text}-count`} className={`field-hint word-count${wordCountError(words, data.words) ? " word-count-out" : ""}`}>
                  {t("assignment.form.wordCount", { count: words })}
                </p>
              ) : null}
              <FieldErrors
                id={`${ids.text}-error`}
                errors={errors.text}
                params={{ count: countWords(initialText), min: data.words?.min ?? 0, max: data.words?.max ?? 0 }}
              />
            </div>
            {data.attachment ? (
              <div className="field">
                <label htmlFor={ids.file}>
                  {t("assignment.form.attachment")}
                  {data.attachment.required ? "" : ` ${t("assignment.form.optional")}`}
                </label>
                <p id={`${ids.file}-hint`} className="field-hint">
                  {t("assignment.form.attachmentHint", { kinds, max: maxSizeMB })}
                  {Object.keys(errors).length ? ` ${t("assignment.form.chooseAgain")}` : ""}
                </p>
                <input
                  id={ids.file}
                  type="file"
                  name="attachment"
                  accept={data.attachment.accept}
                  required={data.attachment.required}
                  aria-invalid={errors.attachment ? true : undefined}
                  aria-describedby={describe(`${ids.file}-hint`, errors.attachment && `${ids.file}-error`)}
                />
                <FieldErrors id={`${ids.file}-error`} errors={errors.attachment} params={{ max: maxSizeMB }} />
              </div>
            ) : null}
            {resubmit && latest.attachment ? (
              <p className="field-hint">{t("assignment.form.previousAttachment", { name: latest.attachment.name, size: fileSize(latest.attachment.size) })}</p>
            ) : null}
            <p className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t(busy ? "assignment.form.sending" : resubmit ? "assignment.form.submitRevision" : "assignment.form.submit")}
              </button>
            </p>
          </Form>
        </section>
      )}
    </section>
  );
}
