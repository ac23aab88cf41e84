import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { directionOf, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { currentOrder, fieldName, gradableQuestions, moveItem } from "./form-answers";
import type { PublicGradableQuestion, QuizPanelData, QuizState } from "./types";
import { useAnswerSaving, type SaveStatus } from "./use-answer-saving";

/**
 * The attempt under way. Every control is a real form field, so the form
 * works without JavaScript (save, submit and the ordering buttons post it to
 * the quiz page); with JavaScript each change is also saved at once, and a
 * time limit submits the form when it runs out.
 */

type Current = NonNullable<QuizState["current"]>;
type Answers = Record<string, unknown>;

const TYPING_DELAY_MS = 800;

export function useForeign(lang: Locale) {
  const { locale } = useI18n();
  return lang !== locale ? { lang, dir: directionOf(lang) } : {};
}

function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

const asString = (value: unknown) => (typeof value === "string" ? value : "");
const asList = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const asPairs = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : ({} as Record<string, string>);

function Countdown({ deadline, onExpire }: { deadline: string; onExpire: () => void }) {
  const { t, formatDate } = useI18n();
  const [now, setNow] = useState<number | null>(null);
  const expired = useRef(false);
  const end = new Date(deadline).getTime();
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (now !== null && now >= end && !expired.current) {
      expired.current = true;
      onExpire();
    }
  }, [now, end, onExpire]);

  // Before hydration (and without JavaScript) the clock time is all we can show.
  if (now === null) {
    return <p className="quiz-timer">{t("quiz.attempt.deadline", { time: formatDate(deadline, { timeStyle: "short", timeZoneName: "short" }) })}</p>;
  }
  const left = Math.max(0, Math.ceil((end - now) / 1000));
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return (
    <>
      <p className="quiz-timer" role="timer">
        {t("quiz.attempt.timeLeft", { time: clock })}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {left > 0 && left <= 60 ? t("quiz.attempt.timeAlmostUp") : ""}
      </p>
    </>
  );
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useI18n();
  const text =
    status === "saving"
      ? t("quiz.attempt.saving")
      : status === "saved"
        ? t("quiz.attempt.saved")
        : status === "error"
          ? t("quiz.attempt.saveFailed")
          : status === "closed"
            ? t("quiz.attempt.closed")
            : "";
  return (
    <p className={`quiz-save-status${status === "error" ? " field-error" : ""}`} role="status">
      {text}
    </p>
  );
}

type QuestionProps = {
  question: PublicGradableQuestion;
  number: number;
  value: unknown;
  lang: Locale;
  onChange: (value: unknown, delayMs?: number) => void;
  onBlur: () => void;
  announce: (text: string) => void;
};

function QuestionFields({ question, number, value, lang, onChange, onBlur, announce }: QuestionProps) {
  const { t } = useI18n();
  const foreign = useForeign(lang);
  const name = fieldName(question.id);
  const hintId = `q-${question.id}-hint`;
  const inputId = `q-${question.id}-input`;
  let hint: string | null = null;
  let body: ReactNode;

  switch (question.type) {
    case "single":
    case "multiple": {
      const multiple = question.type === "multiple";
      const chosen = multiple ? asList(value) : [asString(value)];
      if (multiple) hint = t("quiz.attempt.multipleHint");
      body = (
        <ul className="quiz-options">
          {question.options.map((option) => (
            <li key={option.id} className="checkbox">
              <input
                type={multiple ? "checkbox" : "radio"}
                id={`q-${question.id}-${option.id}`}
                name={name}
                value={option.id}
                checked={chosen.includes(option.id)}
                onChange={(event) => {
                  if (!multiple) return onChange(option.id);
                  const next = event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id);
                  onChange(next);
                }}
              />
              <label htmlFor={`q-${question.id}-${option.id}`} {...foreign}>
                {option.text}
              </label>
            </li>
          ))}
        </ul>
      );
      break;
    }
    case "true-false": {
      const chosen = value === true || value === "true" ? "true" : value === false || value === "false" ? "false" : "";
      body = (
        <ul className="quiz-options quiz-options-inline">
          {(["true", "false"] as const).map((choice) => (
            <li key={choice} className="checkbox">
              <input
                type="radio"
                id={`q-${question.id}-${choice}`}
                name={name}
                value={choice}
                checked={chosen === choice}
                onChange={() => onChange(choice === "true")}
              />
              <label htmlFor={`q-${question.id}-${choice}`}>{t(`quiz.attempt.${choice}`)}</label>
            </li>
          ))}
        </ul>
      );
      break;
    }
    case "matching": {
      const pairs = asPairs(value);
      hint = t("quiz.attempt.matchHint");
      body = (
        <div className="quiz-matching">
          {question.left.map((left) => {
            const id = `q-${question.id}-${left.id}`;
            return (
              <div key={left.id} className="field quiz-match">
                <label htmlFor={id} {...foreign}>
                  {left.text}
                </label>
                <select
                  id={id}
                  name={fieldName(question.id, left.id)}
                  value={pairs[left.id] ?? ""}
                  onChange={(event) => {
                    const next = { ...pairs };
                    if (event.target.value) next[left.id] = event.target.value;
                    else delete next[left.id];
                    onChange(next);
                  }}
                >
                  <option value="">{t("quiz.attempt.matchPlaceholder")}</option>
                  {question.right.map((choice) => (
                    <option key={choice.id} value={choice.id} {...foreign}>
                      {choice.text}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      );
      break;
    }
    case "ordering": {
      const order = currentOrder(question, value);
      const texts = new Map(question.items.map((i) => [i.id, i.text]));
      hint = t("quiz.attempt.orderingHint");
      const move = (index: number, direction: "up" | "down") => {
        const next = moveItem(order, index, direction);
        onChange(next);
        const item = order[index];
        announce(t("quiz.attempt.moved", { item: texts.get(item) ?? "", position: next.indexOf(item) + 1, total: next.length }));
      };
      body = (
        <>
          <ol className="quiz-ordering">
            {order.map((token, index) => {
              const text = texts.get(token) ?? "";
              return (
                <li key={token} className="quiz-ordering-item">
                  <span {...foreign}>{text}</span>
                  <span className="quiz-ordering-buttons">
                    {(["up", "down"] as const).map((direction) => {
                      const disabled = direction === "up" ? index === 0 : index === order.length - 1;
                      return (
                        <button
                          key={direction}
                          type="submit"
                          name="move"
                          value={`${question.id}:${index}:${direction}`}
                          className="button button-secondary button-small"
                          disabled={disabled}
                          aria-label={t(direction === "up" ? "quiz.attempt.moveUp" : "quiz.attempt.moveDown", { item: text })}
                          onClick={(event) => {
                            event.preventDefault();
                            move(index, direction);
                            // Keep the keyboard on the item: at the edge this button becomes disabled.
                            const li = event.currentTarget.closest("li");
                            requestAnimationFrame(() => {
                              const buttons = li?.querySelectorAll<HTMLButtonElement>("button:not([disabled])");
                              if (buttons?.length && document.activeElement?.closest("li") !== li) buttons[0].focus();
                            });
                          }}
                        >
                          <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span>{" "}
                          <span className="quiz-ordering-label">
                            {t(direction === "up" ? "quiz.attempt.moveUpShort" : "quiz.attempt.moveDownShort")}
                          </span>
                        </button>
                      );
                    })}
                  </span>
                </li>
              );
            })}
          </ol>
          {/* The learner's order travels with the form once they have moved an item. */}
          {Array.isArray(value) ? order.map((token) => <input key={token} type="hidden" name={name} value={token} />) : null}
        </>
      );
      break;
    }
    case "short-text":
    case "numeric": {
      const numeric = question.type === "numeric";
      if (numeric) hint = [t("quiz.attempt.numericHint"), question.unit ? t("quiz.attempt.unit", { unit: question.unit }) : ""].join(" ").trim();
      body = (
        <div className="field">
          <label htmlFor={inputId}>{t("quiz.attempt.yourAnswer")}</label>
          <span className="quiz-typed">
            <input
              id={inputId}
              type="text"
              name={name}
              value={asString(value)}
              inputMode={numeric ? "decimal" : undefined}
              autoComplete="off"
              spellCheck={!numeric}
              dir="auto"
              maxLength={numeric ? 50 : 500}
              aria-describedby={hint ? hintId : undefined}
              onChange={(event) => onChange(event.target.value, TYPING_DELAY_MS)}
              onBlur={onBlur}
            />
            {numeric && question.unit ? (
              <span className="quiz-unit" {...foreign}>
                {question.unit}
              </span>
            ) : null}
          </span>
        </div>
      );
      break;
    }
  }

  return (
    <fieldset className="quiz-question" id={`q-${question.id}`} aria-describedby={hint && question.type !== "short-text" && question.type !== "numeric" ? hintId : undefined}>
      <legend>
        <span className="quiz-question-number">{t("quiz.attempt.question", { number })}</span>{" "}
        <span {...foreign}>{question.prompt}</span>{" "}
        <span className="quiz-points">{t("quiz.attempt.points", { count: question.points })}</span>
      </legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {body}
    </fieldset>
  );
}

export function QuizAttemptForm({ data, current, headingLevel }: { data: QuizPanelData; current: Current; headingLevel: 2 | 3 }) {
  const { t } = useI18n();
  const foreign = useForeign(data.lang);
  const [answers, setAnswers] = useState<Answers>(current.answers);
  const [announcement, setAnnouncement] = useState("");
  const { status, save, flushNow } = useAnswerSaving(data.answersUrl, current.attemptId);
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const SubHeading = `h${headingLevel + 1}` as "h3" | "h4";

  const questions = gradableQuestions(current.view);
  const unanswered = questions.filter((q) => !isAnswered(answers[q.id])).length;
  const change = (questionId: string) => (value: unknown, delayMs?: number) => {
    setAnswers((previous) => ({ ...previous, [questionId]: value }));
    save(questionId, value, delayMs);
  };

  let number = 0;
  const renderQuestion = (question: PublicGradableQuestion) => (
    <QuestionFields
      key={question.id}
      question={question}
      number={++number}
      value={answers[question.id]}
      lang={data.lang}
      onChange={change(question.id)}
      onBlur={() => flushNow(question.id)}
      announce={setAnnouncement}
    />
  );

  return (
    <Form method="post" action={data.actionUrl} ref={formRef} className="quiz-form stack" aria-labelledby={`quiz-attempt-${current.attemptId}`}>
      {/* Enter in a text field submits with the first submit button: make it "save", not an ordering button. */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
      <input type="hidden" name="attemptId" value={current.attemptId} />
      {data.lessonId ? <input type="hidden" name="lesson" value={data.lessonId} /> : null}
      <Heading id={`quiz-attempt-${current.attemptId}`}>{t("quiz.attempt.heading", { number: current.number })}</Heading>
      {current.deadlineAt ? <Countdown deadline={current.deadlineAt} onExpire={() => formRef.current?.requestSubmit(submitRef.current)} /> : null}

      {current.view.questions.map((question) =>
        question.type === "case" ? (
          <section key={question.id} className="quiz-case stack" aria-labelledby={`case-${question.id}`}>
            <SubHeading id={`case-${question.id}`}>
              <span className="badge">{t("quiz.attempt.caseStudy")}</span> {question.title ? <span {...foreign}>{question.title}</span> : null}
            </SubHeading>
            <p className="quiz-scenario" {...foreign}>
              {question.scenario}
            </p>
            {question.prompt ? <p {...foreign}>{question.prompt}</p> : null}
            {question.questions.map(renderQuestion)}
          </section>
        ) : (
          renderQuestion(question)
        ),
      )}

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <p className="quiz-unanswered">{unanswered === 0 ? t("quiz.attempt.allAnswered") : t("quiz.attempt.unanswered", { count: unanswered })}</p>
      <SaveIndicator status={status} />
      <p className="field-hint">{t("quiz.attempt.submitHint")}</p>
      <div className="actions">
        <button type="submit" name="intent" value="submit" className="button" ref={submitRef}>
          {t("quiz.attempt.submit")}
        </button>
        <button type="submit" name="intent" value="save" className="button button-secondary">
          {t("quiz.attempt.save")}
        </button>
      </div>
    </Form>
  );
}
