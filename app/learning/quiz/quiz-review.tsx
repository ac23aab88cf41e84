import type { Locale } from "~/i18n/locales";
import { useForeign, useI18n } from "~/i18n/react";
import type { AttemptResultView, ReviewedGradableQuestion, ReviewedQuestion } from "./types";

/** A submitted attempt: its score, and the review when the quiz's feedback policy allows it. */

function Verdict({ score, maxScore, correct }: { score: number; maxScore: number; correct: boolean }) {
  const { t, formatNumber } = useI18n();
  const key = correct ? "correct" : score > 0 ? "partial" : "incorrect";
  return (
    <span className={`badge quiz-verdict quiz-verdict-${key}`}>
      {t(`quiz.result.${key}`)} · {t("quiz.result.questionScore", { score: formatNumber(score, { maximumFractionDigits: 2 }), max: formatNumber(maxScore) })}
    </span>
  );
}

function GradableReview({ question, lang }: { question: ReviewedGradableQuestion; lang: Locale }) {
  const { t, formatNumber } = useI18n();
  const foreign = useForeign(lang);
  const given = (text: string | null) => (text ? <span {...foreign}>{text}</span> : <em>{t("quiz.result.noAnswer")}</em>);
  let body = null;
  switch (question.type) {
    case "single":
    case "multiple":
      body = (
        <ul className="quiz-review-options">
          {question.options.map((option) => (
            <li
              key={option.id}
              className={option.correct ? "quiz-review-right" : option.chosen && option.correct === false ? "quiz-review-wrong" : undefined}
            >
              <span {...foreign}>{option.text}</span>
              {option.chosen ? <span className="badge">{t("quiz.result.yourChoice")}</span> : null}
              {option.correct ? <span className="badge badge-success">{t("quiz.result.rightAnswer")}</span> : null}
              {option.feedback && (option.chosen || option.correct) ? (
                <span className="quiz-feedback" {...foreign}>
                  {option.feedback}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      );
      break;
    case "true-false":
      body = (
        <dl className="facts">
          <dt>{t("quiz.result.yourAnswer")}</dt>
          <dd>{question.given === null ? <em>{t("quiz.result.noAnswer")}</em> : t(`quiz.attempt.${question.given}`)}</dd>
          {question.expected === null ? null : (
            <>
              <dt>{t("quiz.result.expected")}</dt>
              <dd>{t(`quiz.attempt.${question.expected}`)}</dd>
            </>
          )}
          {question.feedback ? (
            <dd className="quiz-feedback" {...foreign}>
              {question.feedback}
            </dd>
          ) : null}
        </dl>
      );
      break;
    case "matching":
      body = (
        <ul className="quiz-review-options">
          {question.pairs.map((pair, i) => (
            <li key={i} className={pair.correct ? "quiz-review-right" : pair.correct === false ? "quiz-review-wrong" : undefined}>
              <strong {...foreign}>{pair.left}</strong> — {pair.given ? t("quiz.result.pairGiven", { choice: pair.given }) : <em>{t("quiz.result.noAnswer")}</em>}
              {pair.correct === false && pair.expected !== null ? (
                <span className="quiz-feedback">{t("quiz.result.pairExpected", { choice: pair.expected })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      );
      break;
    case "ordering":
      body = (
        <div className="quiz-review-columns">
          <div>
            <p className="quiz-review-label">{t("quiz.result.yourOrder")}</p>
            {question.given.length ? (
              <ol {...foreign}>
                {question.given.map((text, i) => (
                  <li key={i}>{text}</li>
                ))}
              </ol>
            ) : (
              <p>
                <em>{t("quiz.result.noAnswer")}</em>
              </p>
            )}
          </div>
          {question.expected === null ? null : (
            <div>
              <p className="quiz-review-label">{t("quiz.result.expectedOrder")}</p>
              <ol {...foreign}>
                {question.expected.map((text, i) => (
                  <li key={i}>{text}</li>
                ))}
              </ol>
            </div>
          )}
        </div>
      );
      break;
    case "short-text":
      body = (
        <dl className="facts">
          <dt>{t("quiz.result.yourAnswer")}</dt>
          <dd>
            <bdi>{given(question.given)}</bdi>
          </dd>
          {question.accepted === null ? null : (
            <>
              <dt>{t("quiz.result.accepted")}</dt>
              <dd {...foreign}>{question.accepted.join(" · ")}</dd>
            </>
          )}
        </dl>
      );
      break;
    case "numeric": {
      const { expected, tolerance } = question;
      const answer = expected === null ? null : `${formatNumber(expected)}${question.unit ? ` ${question.unit}` : ""}`;
      body = (
        <dl className="facts">
          <dt>{t("quiz.result.yourAnswer")}</dt>
          <dd>
            <bdi>{given(question.given)}</bdi>
          </dd>
          {answer === null ? null : (
            <>
              <dt>{t("quiz.result.expected")}</dt>
              <dd>{tolerance ? t("quiz.result.numericExpected", { answer, tolerance: formatNumber(tolerance) }) : answer}</dd>
            </>
          )}
        </dl>
      );
      break;
    }
  }
  return (
    <li className="quiz-review-question stack">
      <p className="quiz-review-prompt">
        <span {...foreign}>{question.prompt}</span> <Verdict score={question.score} maxScore={question.maxScore} correct={question.correct} />
      </p>
      {body}
      {question.explanation ? (
        <p className="callout quiz-explanation">
          <strong>{t("quiz.result.explanation")}</strong> <span {...foreign}>{question.explanation}</span>
        </p>
      ) : null}
    </li>
  );
}

function Review({ questions, lang, headingLevel }: { questions: ReviewedQuestion[]; lang: Locale; headingLevel: 3 | 4 }) {
  const { t } = useI18n();
  const foreign = useForeign(lang);
  const Heading = `h${headingLevel}` as "h3" | "h4";
  return (
    <section className="quiz-review stack" aria-label={t("quiz.result.review")}>
      <Heading>{t("quiz.result.review")}</Heading>
      <ol className="quiz-review-list">
        {questions.map((question) =>
          question.type === "case" ? (
            <li key={question.id} className="quiz-review-question stack">
              <p className="quiz-review-prompt">
                <span className="badge">{t("quiz.attempt.caseStudy")}</span> {question.title ? <span {...foreign}>{question.title}</span> : null}{" "}
                <Verdict score={question.score} maxScore={question.maxScore} correct={question.correct} />
              </p>
              <p className="quiz-scenario" {...foreign}>
                {question.scenario}
              </p>
              <ol className="quiz-review-list">
                {question.questions.map((sub) => (
                  <GradableReview key={sub.id} question={sub} lang={lang} />
                ))}
              </ol>
              {question.explanation ? (
                <p className="callout quiz-explanation">
                  <strong>{t("quiz.result.explanation")}</strong> <span {...foreign}>{question.explanation}</span>
                </p>
              ) : null}
            </li>
          ) : (
            <GradableReview key={question.id} question={question} lang={lang} />
          ),
        )}
      </ol>
    </section>
  );
}

export function QuizResult({ result, lang, headingLevel }: { result: AttemptResultView; lang: Locale; headingLevel: 2 | 3 }) {
  const { t, formatNumber } = useI18n();
  const Heading = `h${headingLevel}` as "h2" | "h3";
  return (
    <section className="quiz-result stack" aria-labelledby={`quiz-result-${result.attemptId}`}>
      <Heading id={`quiz-result-${result.attemptId}`}>{t("quiz.result.heading", { number: result.number })}</Heading>
      <p className={`alert ${result.passed ? "alert-success" : "alert-info"}`}>
        <strong>{result.passed ? t("quiz.result.passed") : t("quiz.result.failed", { percent: formatNumber(result.passingScore) })}</strong>{" "}
        {t("quiz.result.score", {
          score: formatNumber(result.score, { maximumFractionDigits: 2 }),
          percent: formatNumber(result.percent, { maximumFractionDigits: 1 }),
          // The maximum picks the plural of "points": Arabic says 3–10 نقاط, 11 and more نقطة.
          count: result.maxScore,
        })}
      </p>
      {result.review ? (
        <>
          {result.correctAnswersShown ? null : (
            <p className="muted">
              {result.showCorrectAnswers === "never" ? t("quiz.result.answersNeverShown") : t("quiz.result.answersShownLater")}
            </p>
          )}
          <Review questions={result.review} lang={lang} headingLevel={(headingLevel + 1) as 3 | 4} />
        </>
      ) : (
        <p className="muted">{result.showFeedback === "after-passing" ? t("quiz.result.feedbackAfterPassing") : t("quiz.result.feedbackNever")}</p>
      )}
    </section>
  );
}
