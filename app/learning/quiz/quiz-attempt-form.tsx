import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Locale } from "~/i18n/locales";
import { useForeign, useI18n } from "~/i18n/react";
import { answersFromForm, currentOrder, fieldName, gradableQuestions, moveItem, sameAnswer } from "./form-answers";
import type { PublicGradableQuestion, QuizPanelData, QuizState } from "./types";
import { useAnswerSaving, type SaveStatus } from "./use-answer-saving";

/**
 * The attempt under way. Every control is a real form field, so the form
 * works without JavaScript (save, submit and the ordering buttons post it to
 * the quiz page); with JavaScript each change is also saved at once, and a
 * time limit submits the form when it runs out. The fields are uncontrolled
 * on purpose: what a learner ticks or types before the page has hydrated
 * stays in place (React would reset controlled fields) and is saved once it has.
 */

type Current = NonNullable<QuizState["current"]>;
type Answers = Record<string, unknown>;

const TYPING_DELAY_MS = 800;

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
  /** "3", or "8.2" for the second question of the case study numbered 8: a case study counts as one question. */
  number: string;
  /** The answer saved when the page was rendered. */
  saved: unknown;
  lang: Locale;
  /** Reads this question's answer from the form and saves it. */
  onInput: (delayMs?: number) => void;
  /** Saves an ordering, which lives in component state rather than in fields. */
  onOrder: (order: string[]) => void;
  onBlur: () => void;
  announce: (text: string) => void;
};

function OrderingFields({ question, saved, lang, onOrder, announce }: QuestionProps & { question: Extract<PublicGradableQuestion, { type: "ordering" }> }) {
  const { t } = useI18n();
  const foreign = useForeign(lang);
  const [order, setOrder] = useState(() => currentOrder(question, saved));
  const [moved, setMoved] = useState(Array.isArray(saved));
  const texts = new Map(question.items.map((i) => [i.id, i.text]));
  const move = (index: number, direction: "up" | "down") => {
    const next = moveItem(order, index, direction);
    const item = order[index];
    setOrder(next);
    setMoved(true);
    onOrder(next);
    announce(t("quiz.attempt.moved", { item: texts.get(item) ?? "", position: next.indexOf(item) + 1, total: next.length }));
  };
  return (
    <>
      <ol className="quiz-ordering">
        {order.map((token, index) => {
          const text = texts.get(token) ?? "";
          return (
            <li key={token} className="quiz-ordering-item">
              <span className="quiz-ordering-text">
                <span className="quiz-ordering-position" aria-hidden="true">
                  {index + 1}.
                </span>{" "}
                <span {...foreign}>{text}</span>
              </span>
              <span className="quiz-ordering-buttons">
                {(["up", "down"] as const).map((direction) => (
                  <button
                    key={direction}
                    type="submit"
                    name="move"
                    value={`${question.id}:${index}:${direction}`}
                    className="button button-secondary button-small"
                    disabled={direction === "up" ? index === 0 : index === order.length - 1}
                    aria-label={t(direction === "up" ? "quiz.attempt.moveUp" : "quiz.attempt.moveDown", { item: text })}
                    onClick={(event) => {
                      // Without JavaScript this button posts the form and the server moves the item.
                      event.preventDefault();
                      move(index, direction);
                      // Keep the keyboard on the item: at the edge this button becomes disabled.
                      const li = event.currentTarget.closest("li");
                      requestAnimationFrame(() => {
                        const enabled = li?.querySelectorAll<HTMLButtonElement>("button:not([disabled])");
                        if (enabled?.length && document.activeElement?.closest("li") !== li) enabled[0].focus();
                      });
                    }}
                  >
                    <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span>{" "}
                    <span className="quiz-ordering-label">{t(direction === "up" ? "quiz.attempt.moveUpShort" : "quiz.attempt.moveDownShort")}</span>
                  </button>
                ))}
              </span>
            </li>
          );
        })}
      </ol>
      {/* The learner's order travels with the form once they have moved an item. */}
      {moved ? order.map((token) => <input key={token} type="hidden" name={fieldName(question.id)} value={token} />) : null}
    </>
  );
}

function QuestionFields(props: QuestionProps) {
  const { question, number, saved, lang, onInput, onBlur } = props;
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
      const chosen = multiple ? asList(saved) : [asString(saved)];
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
                defaultChecked={chosen.includes(option.id)}
                onChange={() => onInput()}
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
      const chosen = saved === true || saved === "true" ? "true" : saved === false || saved === "false" ? "false" : "";
      body = (
        <ul className="quiz-options quiz-options-inline">
          {(["true", "false"] as const).map((choice) => (
            <li key={choice} className="checkbox">
              <input
                type="radio"
                id={`q-${question.id}-${choice}`}
                name={name}
                value={choice}
                defaultChecked={chosen === choice}
                onChange={() => onInput()}
              />
              <label htmlFor={`q-${question.id}-${choice}`}>{t(`quiz.attempt.${choice}`)}</label>
            </li>
          ))}
        </ul>
      );
      break;
    }
    case "matching": {
      const pairs = asPairs(saved);
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
                <select id={id} name={fieldName(question.id, left.id)} defaultValue={pairs[left.id] ?? ""} onChange={() => onInput()}>
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
    case "ordering":
      hint = t("quiz.attempt.orderingHint");
      body = <OrderingFields {...props} question={question} />;
      break;
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
              defaultValue={asString(saved)}
              inputMode={numeric ? "decimal" : undefined}
              autoComplete="off"
              spellCheck={!numeric}
              dir="auto"
              maxLength={numeric ? 50 : 500}
              aria-describedby={hint ? hintId : undefined}
              onChange={() => onInput(TYPING_DELAY_MS)}
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

  const typed = question.type === "short-text" || question.type === "numeric";
  return (
    <fieldset className="quiz-question" id={`q-${question.id}`} aria-describedby={hint && !typed ? hintId : undefined}>
      <legend>
        <span className="quiz-question-number">{t("quiz.attempt.question", { number })}</span> <span {...foreign}>{question.prompt}</span>{" "}
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

export function QuizAttemptForm({
  data,
  current,
  headingLevel,
  focusFirstQuestion = false,
}: {
  data: QuizPanelData;
  current: Current;
  headingLevel: 2 | 3;
  /** Set when the learner has just started this attempt: focus goes to the first question, not back to <body>. */
  focusFirstQuestion?: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const foreign = useForeign(data.lang);
  const [answers, setAnswers] = useState<Answers>(current.answers);
  const [announcement, setAnnouncement] = useState("");
  const { status, save, flushNow } = useAnswerSaving(data.answersUrl, current.attemptId);
  const formRef = useRef<HTMLFormElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const SubHeading = `h${headingLevel + 1}` as "h2" | "h3" | "h4";
  const { view } = current;
  const questions = gradableQuestions(view);
  const unanswered = questions.filter((q) => !isAnswered(answers[q.id])).length;

  const readForm = () => (formRef.current ? answersFromForm(new FormData(formRef.current), view) : {});
  const record = (questionId: string, value: unknown, delayMs?: number) => {
    setAnswers((previous) => ({ ...previous, [questionId]: value }));
    save(questionId, value, delayMs);
  };

  useEffect(() => {
    if (!focusFirstQuestion) return;
    formRef.current?.querySelector<HTMLElement>(".quiz-question input, .quiz-question select, .quiz-question button")?.focus();
    // Runs once per attempt (the form is keyed by attempt id).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Answers given before the page hydrated are in the fields but not saved yet.
  useEffect(() => {
    const inForm = formRef.current ? answersFromForm(new FormData(formRef.current), view) : {};
    for (const q of gradableQuestions(view)) {
      if (q.type === "ordering") continue;
      if (!sameAnswer(inForm[q.id], current.answers[q.id])) record(q.id, inForm[q.id] ?? null);
    }
    // Runs once per attempt (the form is keyed by attempt id).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  let number = 0;
  const renderQuestion = (question: PublicGradableQuestion, label: string) => (
    <QuestionFields
      key={question.id}
      question={question}
      number={label}
      saved={current.answers[question.id]}
      lang={data.lang}
      onInput={(delayMs) => record(question.id, readForm()[question.id] ?? null, delayMs)}
      onOrder={(order) => record(question.id, order)}
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

      {view.questions.map((question) => {
        const label = formatNumber(++number);
        return question.type === "case" ? (
          <section key={question.id} className="quiz-case stack" aria-labelledby={`case-${question.id}`}>
            <SubHeading id={`case-${question.id}`}>
              <span className="quiz-question-number">{t("quiz.attempt.question", { number: label })}</span>{" "}
              <span className="badge">{t("quiz.attempt.caseStudy")}</span> {question.title ? <span {...foreign}>{question.title}</span> : null}
            </SubHeading>
            <p className="quiz-scenario" {...foreign}>
              {question.scenario}
            </p>
            {question.prompt ? <p {...foreign}>{question.prompt}</p> : null}
            {question.questions.map((sub, i) => renderQuestion(sub, `${label}.${formatNumber(i + 1)}`))}
          </section>
        ) : (
          renderQuestion(question, label)
        );
      })}

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
