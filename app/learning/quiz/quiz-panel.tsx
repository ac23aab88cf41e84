import { Form, Link } from "@remix-run/react";
import { useRef } from "react";
import { useForeign, useI18n } from "~/i18n/react";
import { QuizAttemptForm } from "./quiz-attempt-form";
import { QuizResult } from "./quiz-review";
import type { QuizPanelData } from "./types";

/**
 * A quiz as its learner sees it, in a lesson (h2) or on the quiz page (h1):
 * the rules, the attempt under way, or the last result with the way to try
 * again, and the history of attempts.
 */
export function QuizPanel({ data, headingLevel }: { data: QuizPanelData; headingLevel: 1 | 2 }) {
  const { t, formatDate, formatNumber } = useI18n();
  const foreign = useForeign(data.lang);
  const { state } = data;
  const Heading = `h${headingLevel}` as "h1" | "h2";
  const SubHeading = `h${headingLevel + 1}` as "h2" | "h3";
  const sub = (headingLevel + 1) as 2 | 3;
  const titleId = `quiz-${state.quizId}-title`;
  const percent = (value: number) => formatNumber(value, { maximumFractionDigits: 1 });
  // Set when the learner presses start here, so the new attempt takes the focus (a page opened on an
  // attempt under way does not: the learner may be reading the lesson above it).
  const startedHere = useRef(false);

  return (
    <section className="quiz-panel stack" id={`quiz-${state.quizId}`} aria-labelledby={titleId}>
      <Heading id={titleId}>
        <span className="badge">{t("quiz.panel.label")}</span> <span {...foreign}>{state.title}</span>
      </Heading>
      {state.intro ? (
        <p className="quiz-intro" {...foreign}>
          {state.intro}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("quiz.panel.passingScore")}</dt>
        <dd>{t("quiz.panel.passingScoreValue", { percent: percent(state.passingScore) })}</dd>
        <dt>{t("quiz.panel.attempts")}</dt>
        <dd>
          {state.attemptsAllowed === "unlimited"
            ? t("quiz.panel.attemptsUnlimited")
            : `${t("quiz.panel.attemptsAllowed", { count: state.attemptsAllowed })} · ${
                state.attemptsRemaining ? t("quiz.panel.attemptsRemaining", { count: state.attemptsRemaining }) : t("quiz.panel.noAttemptLeft")
              }`}
        </dd>
        {state.timeLimit ? (
          <>
            <dt>{t("quiz.panel.timeLimit")}</dt>
            <dd>{t("quiz.panel.timeLimitValue", { count: state.timeLimit })}</dd>
          </>
        ) : null}
      </dl>

      {state.passed && state.bestPercent !== null ? <p className="alert alert-success">{t("quiz.panel.passed", { percent: percent(state.bestPercent) })}</p> : null}

      {state.current ? (
        <QuizAttemptForm
          key={state.current.attemptId}
          data={data}
          current={state.current}
          headingLevel={sub}
          focusFirstQuestion={startedHere.current}
        />
      ) : (
        <>
          {state.lastResult ? <QuizResult result={state.lastResult} lang={data.lang} headingLevel={sub} /> : null}
          {state.next?.canStart ? (
            <Form method="post" action={data.actionUrl} className="stack quiz-start" onSubmit={() => (startedHere.current = true)}>
              <input type="hidden" name="intent" value="start" />
              {data.lessonId ? <input type="hidden" name="lesson" value={data.lessonId} /> : null}
              <p className="field-hint">{state.timeLimit ? t("quiz.panel.startHintTimed") : t("quiz.panel.startHint")}</p>
              <div className="actions">
                <button type="submit" className="button">
                  {state.history.length ? t("quiz.panel.retry") : t("quiz.panel.start")}
                </button>
              </div>
            </Form>
          ) : state.next?.reason === "wait" ? (
            <p className="alert alert-info">
              {t("quiz.panel.wait", { date: formatDate(state.next.until, { dateStyle: "long", timeStyle: "short", timeZoneName: "short" }) })}
            </p>
          ) : state.next?.reason === "limit-reached" ? (
            <p className="alert alert-info">{t("quiz.panel.limitReached")}</p>
          ) : null}
          {state.history.length ? (
            <section className="quiz-history" aria-labelledby={`quiz-${state.quizId}-history`}>
              <SubHeading id={`quiz-${state.quizId}-history`}>{t("quiz.history.heading")}</SubHeading>
              <ul>
                {state.history.map((attempt) => (
                  <li key={attempt.id}>
                    {t("quiz.history.row", {
                      number: attempt.number,
                      date: formatDate(attempt.submittedAt, { dateStyle: "medium" }),
                      percent: percent(attempt.percent),
                    })}{" "}
                    <span className={`badge${attempt.passed ? " badge-success" : ""}`}>
                      {attempt.passed ? t("quiz.history.passed") : t("quiz.history.failed")}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}

      {data.statisticsUrl ? (
        <p>
          <Link to={data.statisticsUrl}>{t("quiz.panel.statistics")}</Link>
        </p>
      ) : null}
    </section>
  );
}
