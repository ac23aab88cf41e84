import type { ReactNode } from "react";
import { foreignLang, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import type { PersonalData } from "./personal-data.server";

/**
 * /me/data as a page: every section of the JSON download, in words. A
 * section with nothing in it says so, so the person sees that nothing of
 * that kind is held.
 */
export function PersonalDataView({ held, nationality }: { held: PersonalData; nationality: string | null }) {
  const { t, locale, formatDate, formatNumber } = useI18n();
  const date = (iso: string | null | undefined) => (iso ? formatDate(iso, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const day = (iso: string | null | undefined) => (iso ? formatDate(iso, { dateStyle: "medium" }) : "—");
  const code = (kind: string, value: string | null | undefined) => (value ? t(`people.facts.${kind}.${value}`) : "—");
  const foreign = (lang: string) => foreignLang(lang as Locale, locale);
  const { account, profile } = held;

  return (
    <>
      <Section id="account" title={t("people.data.account.title")}>
        <dl className="facts facts-wrap">
          <dt>{t("people.data.account.name")}</dt>
          <dd>
            <bdi>{account.name}</bdi>
          </dd>
          <dt>{t("people.data.account.email")}</dt>
          <dd dir="ltr">{account.email ?? "—"}</dd>
          <dt>{t("people.data.account.phone")}</dt>
          <dd dir="ltr">{account.phone ?? "—"}</dd>
          <dt>{t("people.data.account.locale")}</dt>
          <dd>{t(`courses.language.${account.locale}`)}</dd>
          <dt>{t("people.data.account.role")}</dt>
          <dd>{t(`admin.roles.${account.role}`)}</dd>
          <dt>{t("people.data.account.created")}</dt>
          <dd>{date(account.createdAt)}</dd>
          <dt>{t("people.data.account.consented")}</dt>
          <dd>{date(account.consentedAt)}</dd>
        </dl>
      </Section>

      <Section id="profile" title={t("people.data.profile.title")} empty={!profile ? t("people.data.profile.empty") : null}>
        {profile ? (
          <dl className="facts facts-wrap">
            <dt>{t("people.facts.sex.label")}</dt>
            <dd>{code("sex", profile.sex)}</dd>
            <dt>{t("people.facts.ageBand.label")}</dt>
            <dd>{code("ageBand", profile.ageBand)}</dd>
            <dt>{t("people.facts.birthYear")}</dt>
            <dd>{profile.birthYear ?? "—"}</dd>
            <dt>{t("people.facts.profession.label")}</dt>
            <dd>{code("profession", profile.profession)}</dd>
            <dt>{t("people.facts.region")}</dt>
            <dd>{profile.region?.name ?? "—"}</dd>
            <dt>{t("people.facts.city")}</dt>
            <dd>
              <bdi>{profile.city ?? "—"}</bdi>
            </dd>
            <dt>{t("people.facts.nationality")}</dt>
            <dd>{nationality ?? "—"}</dd>
          </dl>
        ) : null}
      </Section>

      <Section id="memberships" title={t("people.data.memberships.title")} empty={held.memberships.length ? null : t("people.data.none")}>
        <ul className="plain-list">
          {held.memberships.map((m) => (
            <li key={`${m.organisation.id}-${m.startedAt}`}>
              <bdi>{m.organisation.name}</bdi> — {t(`organisations.role.${m.role}`)},{" "}
              {m.endedAt ? t("people.data.memberships.between", { from: day(m.startedAt), to: day(m.endedAt) }) : t("people.data.memberships.since", { from: day(m.startedAt) })}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="enrolments" title={t("people.data.enrolments.title")} empty={held.enrolments.length ? null : t("people.data.none")}>
        <ul className="data-list">
          {held.enrolments.map((e) => (
            <li key={`${e.course.slug}-${e.enrolledAt}`}>
              <h3 {...foreign(e.course.lang)}>{e.course.title}</h3>
              <p>
                {t("people.data.enrolments.enrolled", { date: day(e.enrolledAt) })}
                {e.cohort ? (
                  <>
                    {" · "}
                    <bdi>{e.cohort.name}</bdi>
                  </>
                ) : null}
                {e.completion ? ` · ${t("people.data.enrolments.completed", { date: day(e.completion.completedAt) })}` : ""}
              </p>
              {e.lessons.length ? (
                <details>
                  <summary>{t("people.data.enrolments.lessons", { count: e.lessons.length })}</summary>
                  <ul>
                    {e.lessons.map((l) => (
                      <li key={l.lessonId}>
                        <span {...foreign(e.course.lang)}>{l.title}</span> —{" "}
                        {l.completedAt
                          ? t("people.data.enrolments.lessonDone", { date: date(l.completedAt) })
                          : t("people.data.enrolments.lessonSeen", { date: date(l.lastViewedAt) })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="quizzes" title={t("people.data.quizzes.title")} empty={held.quizAttempts.length ? null : t("people.data.none")}>
        <ul className="data-list">
          {held.quizAttempts.map((a) => (
            <li key={`${a.course.slug}-${a.quizId}-${a.number}`}>
              <h3>
                <span {...foreign(a.course.lang)}>{a.course.title}</span> · {t("people.data.quizzes.attempt", { quiz: a.quizId, number: a.number })}
              </h3>
              <p>
                {t("people.data.quizzes.started", { date: date(a.startedAt) })}
                {a.submittedAt ? ` · ${t("people.data.quizzes.submitted", { date: date(a.submittedAt) })}` : ` · ${t("people.data.quizzes.inProgress")}`}
                {a.percent !== null ? ` · ${formatNumber(a.percent / 100, { style: "percent", maximumFractionDigits: 1 })}` : ""}
              </p>
              {Object.keys(a.answers).length ? (
                <details>
                  <summary>{t("people.data.quizzes.answers")}</summary>
                  <dl className="facts facts-wrap">
                    {Object.entries(a.answers).map(([question, answer]) => (
                      <AnswerRow key={question} question={question} answer={answer} />
                    ))}
                  </dl>
                </details>
              ) : (
                <p className="muted">{t("people.data.quizzes.noAnswers")}</p>
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="scorm" title={t("people.data.scorm.title")} empty={held.scormAttempts.length ? null : t("people.data.none")}>
        <ul className="data-list">
          {held.scormAttempts.map((a) => (
            <li key={`${a.course.slug}-${a.lessonId}-${a.scoId}-${a.number}`}>
              <h3>
                <span {...foreign(a.course.lang)}>{a.course.title}</span> ·{" "}
                {t("people.data.scorm.attempt", { sco: a.scoId, number: a.number })}
              </h3>
              <p>
                {t("people.data.scorm.started", { date: date(a.startedAt) })}
                {a.lastSavedAt ? ` · ${t("people.data.scorm.lastSaved", { date: date(a.lastSavedAt) })}` : ""} · {t(`tracking.status.${a.status}`)}
                {a.scorePercent !== null ? ` · ${formatNumber(a.scorePercent / 100, { style: "percent", maximumFractionDigits: 1 })}` : ""}
              </p>
              {Object.keys(a.data).length ? (
                <details>
                  <summary>{t("people.data.scorm.data")}</summary>
                  {/* Element names are long and unbreakable ("cmi.interactions.0.learner_response"): one above its value, not side by side. */}
                  <dl className="data-cmi">
                    {Object.entries(a.data).map(([element, value]) => (
                      <AnswerRow key={element} question={element} answer={value} />
                    ))}
                  </dl>
                </details>
              ) : (
                <p className="muted">{t("people.data.scorm.noData")}</p>
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="submissions" title={t("people.data.submissions.title")} empty={held.submissions.length ? null : t("people.data.none")}>
        <ul className="data-list">
          {held.submissions.map((s) => (
            <li key={`${s.course.slug}-${s.assignmentId}-${s.version}`}>
              <h3>
                <span {...foreign(s.course.lang)}>{s.course.title}</span> · {t("people.data.submissions.version", { assignment: s.assignmentId, version: s.version })}
              </h3>
              <p>
                {t("people.data.submissions.sent", { date: date(s.submittedAt) })} · {t(`people.data.submissions.status.${s.status}`)}
              </p>
              <p className="data-text" dir="auto">
                {s.text || t("people.data.submissions.noText")}
              </p>
              {s.attachment ? (
                <p>
                  {t("people.data.submissions.attachment")} <bdi>{s.attachment.name}</bdi>
                </p>
              ) : null}
              {s.review ? (
                <div>
                  <p>
                    {t("people.data.submissions.review", { date: day(s.review.reviewedAt), points: s.review.totalPoints, max: s.review.maxPoints })}
                  </p>
                  {s.review.feedback ? (
                    <p className="data-text" dir="auto">
                      {s.review.feedback}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="certificates" title={t("people.data.certificates.title")} empty={held.certificates.length ? null : t("people.data.none")}>
        <ul className="plain-list">
          {held.certificates.map((c) => (
            <li key={c.code}>
              <span {...foreign(c.locale)}>{c.courseTitle}</span> — {t("people.data.certificates.issued", { date: day(c.issuedAt) })} ·{" "}
              <span dir="ltr">{c.code}</span>
              {c.revokedAt ? ` · ${t("people.data.certificates.revoked", { date: day(c.revokedAt) })}` : ""}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="attendances" title={t("people.data.attendances.title")} empty={held.attendances.length ? null : t("people.data.none")}>
        <ul className="plain-list">
          {held.attendances.map((a) => (
            <li key={`${a.session.title}-${a.session.startsAt}`}>
              <bdi>{a.session.title}</bdi> — {day(a.session.startsAt)} · {t(`organisations.modality.${a.session.modality}`)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="records" title={t("people.data.records.title")} empty={held.trainingRecords.length ? null : t("people.data.none")}>
        <p>{t("people.data.records.intro")}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("organisations.member.recordDate")}</th>
                <th scope="col">{t("organisations.member.recordWhat")}</th>
                <th scope="col">{t("people.data.records.counted")}</th>
              </tr>
            </thead>
            <tbody>
              {held.trainingRecords.map((r, i) => (
                <tr key={i}>
                  <td>{day(r.occurredAt)}</td>
                  <td>
                    {r.course ? <span {...foreign(r.course.lang)}>{r.course.title}</span> : <bdi>{r.theme ?? ""}</bdi>}
                    <br />
                    <span className="muted">
                      {t(`organisations.recordKind.${r.kind}`)} · {t(`organisations.modality.${r.modality}`)}
                    </span>
                  </td>
                  <td>
                    {[
                      r.organisation,
                      r.organisationType ? t(`organisations.type.${r.organisationType}`) : null,
                      r.sex ? code("sex", r.sex) : null,
                      r.ageBand ? code("ageBand", r.ageBand) : null,
                      r.profession ? code("profession", r.profession) : null,
                      r.region,
                      r.city,
                    ]
                      .filter(Boolean)
                      .map((part, j) => (
                        <span key={j}>
                          {j ? " · " : ""}
                          <bdi>{part}</bdi>
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="security" title={t("people.data.security.title")}>
        <p>{t("people.data.security.sessions", { count: held.security.loginSessions.length })}</p>
        <p>{t("people.data.security.browsers", { count: held.security.knownBrowsers.length })}</p>
        {held.deletionRequests.length ? (
          <ul className="plain-list">
            {held.deletionRequests.map((d) => (
              <li key={d.requestedAt}>
                {t("people.data.security.deletion", { date: day(d.requestedAt), status: t(`people.deletions.statuses.${d.status}`) })}
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
    </>
  );
}

function Section({ id, title, empty = null, children }: { id: string; title: string; empty?: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={`data-${id}`} className="stack">
      <h2 id={`data-${id}`}>{title}</h2>
      {empty ? <p className="muted">{empty}</p> : children}
    </section>
  );
}

function AnswerRow({ question, answer }: { question: string; answer: unknown }) {
  return (
    <>
      <dt dir="ltr">{question}</dt>
      <dd dir="auto">{typeof answer === "string" ? answer : JSON.stringify(answer)}</dd>
    </>
  );
}
