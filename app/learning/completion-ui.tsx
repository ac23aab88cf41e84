import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { foreignLang, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";

/**
 * The completion rule on the learner's pages: what is left, each step's
 * state, and the certificate once the course is complete. Titles come in
 * the course's language, which may not be the page's: they keep their own
 * lang and direction inside translated sentences.
 */

type Kind = "lesson" | "quiz" | "assignment" | "scorm";
type Counts = Record<Kind, { done: number; required: number }>;

export type StepItem = {
  kind: Kind;
  id: string;
  title: string;
  href: string | null;
  status: string;
  minScore: number | null;
  bestPercent: number | null;
};

export type CertificateLinks = { id: string; code: string; pdfHref: string; verifyHref: string };

/** A translated sentence with the course-language title put in place of {title}. */
function WithTitle({ text, title, lang, href }: { text: string; title: string; lang: Locale; href?: string | null }) {
  const { locale } = useI18n();
  const foreign = foreignLang(lang, locale);
  const [before, after = ""] = text.split("{title}");
  const name = <span {...foreign}>{title}</span>;
  return (
    <>
      {before}
      {href ? <Link to={href}>{name}</Link> : name}
      {after}
    </>
  );
}

/** "Lessons completed: 2 of 2 · Quizzes passed: 0 of 1", only for the kinds the rule asks for. */
export function RuleCounts({ counts }: { counts: Counts }) {
  const { t } = useI18n();
  const parts = (
    [
      ["lesson", "completion.rule.lessons"],
      ["quiz", "completion.rule.quizzes"],
      ["assignment", "completion.rule.assignments"],
      ["scorm", "completion.rule.scorm"],
    ] as const
  )
    .filter(([kind]) => counts[kind].required > 0)
    .map(([kind, key]) => t(key, counts[kind]));
  return <p className="rule-counts">{parts.join(" · ")}</p>;
}

/** What the rule asks for, for everyone (visitors included): read before enrolling. */
export function RuleOverview({ counts, steps, lang }: { counts: Counts; steps: StepItem[]; lang: Locale }) {
  const { t } = useI18n();
  return (
    <section className="rule-overview" aria-labelledby="rule-heading">
      <h2 id="rule-heading">{t("completion.rule.heading")}</h2>
      <p>{t("completion.rule.intro")}</p>
      <ul>
        {counts.lesson.required > 0 ? <li>{t("completion.rule.needLessons", { count: counts.lesson.required })}</li> : null}
        {steps.map((step) => (
          <li key={`${step.kind}-${step.id}`}>
            <WithTitle
              text={t(
                step.kind === "assignment"
                  ? "completion.rule.needAssignment"
                  : step.kind === "scorm"
                    ? "completion.rule.needScorm"
                    : step.minScore === null
                      ? "completion.rule.needQuiz"
                      : "completion.rule.needQuizMin",
                { min: step.minScore ?? 0 },
              )}
              title={step.title}
              lang={lang}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function statusText(t: ReturnType<typeof useI18n>["t"], step: StepItem): string {
  return t(`completion.step.status.${step.status}`, { best: step.bestPercent ?? 0, min: step.minScore ?? 0 });
}

const MET = new Set(["done", "passed", "accepted"]);

/** A lesson's quizzes and assignments in the course outline, each with its state. */
export function StepStates({ steps, lang, withState }: { steps: StepItem[]; lang: Locale; withState: boolean }) {
  const { t } = useI18n();
  if (!steps.length) return null;
  return (
    <ul className="outline-steps">
      {steps.map((step) => (
        <li key={`${step.kind}-${step.id}`}>
          <WithTitle text={t(`completion.step.${step.kind}`)} title={step.title} lang={lang} href={withState ? step.href : null} />
          {step.minScore !== null ? <span className="muted"> ({t("completion.step.minScore", { min: step.minScore })})</span> : null}
          {withState ? (
            <span className={`badge step-status${MET.has(step.status) ? " badge-success" : ""}`}>{statusText(t, step)}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function remainingKey(step: StepItem): string {
  if (step.kind === "quiz") return step.minScore === null ? "completion.remaining.quiz" : "completion.remaining.quizMin";
  if (step.kind === "assignment") {
    if (step.status === "submitted") return "completion.remaining.assignmentSubmitted";
    if (step.status === "revisionRequested") return "completion.remaining.assignmentRevision";
    return "completion.remaining.assignment";
  }
  if (step.kind === "scorm") return "completion.remaining.scorm";
  return "completion.remaining.lesson";
}

/** "To complete the course, you still need to: …", each step linked to where it is done. */
export function RemainingSteps({ steps, lang }: { steps: StepItem[]; lang: Locale }) {
  const { t } = useI18n();
  if (!steps.length) return null;
  return (
    <div className="remaining-steps">
      <p>{t("completion.remaining.title")}</p>
      <ul>
        {steps.map((step) => (
          <li key={`${step.kind}-${step.id}`}>
            <WithTitle text={t(remainingKey(step), { min: step.minScore ?? 0 })} title={step.title} lang={lang} href={step.href} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Course completed — download your certificate", or the date alone when there is no valid certificate. */
export function CertificateReady({
  completedAt,
  certificate,
  heading,
  children,
}: {
  completedAt: string;
  certificate: CertificateLinks | null;
  heading: "h2" | "h3";
  /** Shown above the message, e.g. the congratulations right after completing. */
  children?: ReactNode;
}) {
  const { t, formatDate } = useI18n();
  const Heading = heading;
  const date = formatDate(completedAt);
  if (!certificate) {
    return (
      <div className="certificate-ready stack">
        {children}
        <p>
          {t("completion.certificate.unavailable", { date })} <Link to="/me/certificates">{t("completion.certificate.all")}</Link>
        </p>
      </div>
    );
  }
  return (
    <section className="certificate-ready alert alert-success stack" aria-labelledby="certificate-ready-title">
      <Heading id="certificate-ready-title" className="certificate-ready-title">
        {t("completion.certificate.title")}
      </Heading>
      {children}
      <p>{t("completion.certificate.completedOn", { date })}</p>
      <p className="actions">
        {/* A file download, not a page: a plain link so the browser saves it. */}
        <a href={certificate.pdfHref} className="button" download>
          {t("completion.certificate.download")}
        </a>
        <Link to={certificate.verifyHref}>{t("completion.certificate.verify")}</Link>
        <Link to="/me/certificates">{t("completion.certificate.all")}</Link>
      </p>
    </section>
  );
}
