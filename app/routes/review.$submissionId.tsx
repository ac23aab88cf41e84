import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useForeign, useI18n } from "~/i18n/react";
import { RubricList, VersionDetails } from "~/learning/assignment/assignment-panel";
import { reviewPage, submitReviewForm } from "~/learning/assignment/review-pages.server";
import { REVIEW_DECISIONS } from "~/learning/assignment/types";
import { FieldErrors, FormErrors } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["assignment", "learning"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignment.reviewPage.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  return reviewPage(params.submissionId ?? "", user, detectLocale(request, user.locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const result = await submitReviewForm(await readFormData(request), params.submissionId ?? "", user);
  if (result.ok) return redirect(result.redirectTo);
  return data(result, { status: 400 });
}

export default function ReviewSubmissionPage() {
  const { t } = useI18n();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const foreign = useForeign(page.lang);
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : { scores: {} as Record<string, string>, feedback: "", decision: "" };
  const pending = page.submission.status === "submitted";

  return (
    <div className="page page-reading stack review-page">
      <Breadcrumbs
        items={[{ label: t("assignment.queue.title"), to: "/review" }, { label: t("assignment.reviewPage.title") }]}
      />
      <h1>
        <span className="assignment-eyebrow">{t("assignment.reviewPage.title")}</span> <span {...foreign}>{page.assignmentTitle}</span>
      </h1>
      <dl className="facts">
        <dt>{t("assignment.reviewPage.learner")}</dt>
        <dd>
          <bdi>{page.learnerName}</bdi>
        </dd>
        <dt>{t("assignment.reviewPage.course")}</dt>
        <dd {...foreign}>{page.courseTitle}</dd>
      </dl>

      <details className="assignment-rubric-box">
        <summary>{t("assignment.reviewPage.instructions")}</summary>
        <div className="assignment-instructions" {...foreign} dangerouslySetInnerHTML={{ __html: page.instructionsHtml }} />
        <RubricList rubric={page.rubric} lang={page.lang} />
      </details>

      <section className="stack" aria-labelledby="answer-title">
        <h2 id="answer-title">{t("assignment.reviewPage.answer")}</h2>
        <VersionDetails version={page.submission} lang={page.lang} headingLevel={3} />
      </section>

      {pending ? (
        <section className="stack" aria-labelledby="review-form-title">
          <h2 id="review-form-title">{t("assignment.reviewPage.formTitle")}</h2>
          <p className="field-hint">{t("assignment.reviewPage.maxPoints", { count: page.maxPoints })}</p>
          <Form method="post" className="form" aria-describedby={errors.form ? "review-form-errors" : undefined}>
            <FormErrors id="review-form-errors" errors={errors.form} />
            {page.rubric.map((criterion) => {
              const errorId = `score-${criterion.id}-error`;
              const fieldErrors = errors[`scores.${criterion.id}`];
              return (
                <fieldset
                  key={criterion.id}
                  className="rubric-fieldset"
                  aria-describedby={[criterion.description ? `score-${criterion.id}-desc` : "", fieldErrors ? errorId : ""].filter(Boolean).join(" ") || undefined}
                >
                  <legend {...foreign}>{criterion.title}</legend>
                  {criterion.description ? (
                    <p id={`score-${criterion.id}-desc`} className="field-hint" {...foreign}>
                      {criterion.description}
                    </p>
                  ) : null}
                  {criterion.levels.map((level) => (
                    <div key={level.id} className="radio">
                      <input
                        type="radio"
                        id={`score-${criterion.id}-${level.id}`}
                        name={`scores.${criterion.id}`}
                        value={level.id}
                        required
                        defaultChecked={values.scores[criterion.id] === level.id}
                        aria-invalid={fieldErrors ? true : undefined}
                      />
                      <label htmlFor={`score-${criterion.id}-${level.id}`}>
                        <span {...foreign}>{level.label}</span> ({t("assignment.rubric.pointsCount", { count: level.points })})
                      </label>
                    </div>
                  ))}
                  <FieldErrors id={errorId} errors={fieldErrors} />
                </fieldset>
              );
            })}
            <div className="field">
              <label htmlFor="feedback">{t("assignment.reviewPage.feedback")}</label>
              <p id="feedback-hint" className="field-hint">
                {t("assignment.reviewPage.feedbackHint")}
              </p>
              <textarea
                id="feedback"
                name="feedback"
                rows={8}
                dir="auto"
                defaultValue={values.feedback}
                aria-invalid={errors.feedback ? true : undefined}
                aria-describedby={`feedback-hint${errors.feedback ? " feedback-error" : ""}`}
              />
              <FieldErrors id="feedback-error" errors={errors.feedback} />
            </div>
            <fieldset className="rubric-fieldset" aria-describedby={errors.decision ? "decision-error" : undefined}>
              <legend>{t("assignment.reviewPage.decision")}</legend>
              {REVIEW_DECISIONS.map((decision) => (
                <div key={decision} className="radio">
                  <input
                    type="radio"
                    id={`decision-${decision}`}
                    name="decision"
                    value={decision}
                    required
                    defaultChecked={values.decision === decision}
                    aria-invalid={errors.decision ? true : undefined}
                  />
                  <label htmlFor={`decision-${decision}`}>{t(`assignment.reviewPage.decide.${decision}`)}</label>
                </div>
              ))}
              <FieldErrors id="decision-error" errors={errors.decision} />
            </fieldset>
            <p className="actions">
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {t("assignment.reviewPage.send")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}

      {page.earlierVersions.length ? (
        <section className="stack" aria-labelledby="earlier-title">
          <h2 id="earlier-title">{t("assignment.reviewPage.earlier")}</h2>
          {page.earlierVersions.map((v) => (
            <VersionDetails key={v.id} version={v} lang={page.lang} headingLevel={3} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
