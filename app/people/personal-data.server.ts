import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { regionName } from "~/organisations/regions.server";
import { attemptState } from "~/scorm/scorm-progress.server";
import { courseNames } from "./course-names.server";

/**
 * Everything Tadrib holds about one person (Moroccan law 09-08, GDPR art. 15
 * and 20), for /me/data and its JSON download: the same object feeds both,
 * so the page cannot show less than the file or the reverse. Coded values
 * (sex, profession…) stay codes here; the page translates them. Secrets are
 * left out on purpose: password hashes and the ids of login sessions and
 * known browsers are only hashes of tokens, useless to the person and
 * dangerous to hand out.
 */

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function personalData(userId: string, locale: Locale, now = new Date()) {
  const names = await courseNames(locale);
  const [user, profile, memberships, enrolments, attempts, scormAttempts, submissions, certificates, attendances, records, deletions, sessions, devices] =
    await Promise.all([
      db.user.findUniqueOrThrow({
        where: { id: userId },
        select: { id: true, name: true, email: true, phone: true, locale: true, role: true, consentedAt: true, createdAt: true, updatedAt: true },
      }),
      db.profile.findUnique({ where: { userId }, include: { region: true } }),
      db.membership.findMany({
        where: { userId },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        select: { role: true, startedAt: true, endedAt: true, organisation: { select: { id: true, name: true, type: true } } },
      }),
      db.enrolment.findMany({
        where: { userId },
        orderBy: [{ enrolledAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          courseId: true,
          course: { select: { slug: true } },
          enrolledAt: true,
          cohort: { select: { name: true, isOpen: true, startsAt: true, endsAt: true } },
          completion: { select: { completedAt: true, courseVersion: true, modality: true } },
          lessonProgress: { orderBy: { startedAt: "asc" }, select: { lessonId: true, startedAt: true, lastViewedAt: true, completedAt: true } },
        },
      }),
      db.quizAttempt.findMany({
        where: { userId },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          courseId: true,
          course: { select: { slug: true } },
          quizId: true,
          number: true,
          status: true,
          answers: true,
          score: true,
          maxScore: true,
          percent: true,
          passed: true,
          startedAt: true,
          submittedAt: true,
        },
      }),
      db.scormAttempt.findMany({
        where: { userId },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        select: {
          courseId: true,
          course: { select: { slug: true } },
          lessonId: true,
          scoId: true,
          number: true,
          version: true,
          cmi: true,
          lessonStatus: true,
          completionStatus: true,
          successStatus: true,
          scoreRaw: true,
          scoreMin: true,
          scoreMax: true,
          scoreScaled: true,
          progressMeasure: true,
          commitSeq: true,
          totalSeconds: true,
          sessionSeconds: true,
          startedAt: true,
          updatedAt: true,
        },
      }),
      db.submission.findMany({
        where: { userId },
        orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          courseId: true,
          course: { select: { slug: true } },
          assignmentId: true,
          version: true,
          text: true,
          attachmentName: true,
          attachmentMimeType: true,
          attachmentSize: true,
          status: true,
          submittedAt: true,
          review: { select: { scores: true, totalPoints: true, maxPoints: true, feedback: true, decision: true, createdAt: true } },
        },
      }),
      db.certificate.findMany({
        where: { userId },
        orderBy: { issuedAt: "desc" },
        select: { code: true, learnerName: true, courseTitle: true, hours: true, locale: true, issuedAt: true, expiresAt: true, revokedAt: true, revokedReason: true },
      }),
      db.attendance.findMany({
        where: { userId },
        orderBy: { recordedAt: "desc" },
        select: {
          recordedAt: true,
          session: { select: { title: true, theme: true, modality: true, startsAt: true, endsAt: true, city: true, place: true, trainers: true } },
        },
      }),
      db.trainingRecord.findMany({
        where: { userId },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: {
          kind: true,
          occurredAt: true,
          courseId: true,
          course: { select: { slug: true } },
          theme: true,
          modality: true,
          validUntil: true,
          organisation: { select: { name: true } },
          organisationType: true,
          sex: true,
          ageBand: true,
          profession: true,
          region: { select: { names: true } },
          city: true,
        },
      }),
      db.deletionRequest.findMany({ where: { userId }, orderBy: { requestedAt: "desc" }, select: { status: true, requestedAt: true, decidedAt: true } }),
      db.authSession.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, expiresAt: true } }),
      db.loginDevice.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, lastUsedAt: true } }),
    ]);

  const course = (id: string, slug: string) => {
    const name = names.course(id, slug);
    return { slug: name.slug, title: name.title, lang: name.lang };
  };

  return {
    exportedAt: now.toISOString(),
    account: { ...user, consentedAt: iso(user.consentedAt), createdAt: iso(user.createdAt), updatedAt: iso(user.updatedAt) },
    profile: profile
      ? {
          sex: profile.sex,
          ageBand: profile.ageBand,
          birthYear: profile.birthYear,
          profession: profile.profession,
          region: profile.region ? { id: profile.region.id, name: regionName(profile.region.names, locale) } : null,
          city: profile.city,
          nationality: profile.nationality,
          updatedAt: iso(profile.updatedAt),
        }
      : null,
    memberships: memberships.map((m) => ({
      organisation: m.organisation,
      role: m.role,
      startedAt: iso(m.startedAt),
      endedAt: iso(m.endedAt),
    })),
    enrolments: enrolments.map((e) => ({
      course: course(e.courseId, e.course.slug),
      cohort: e.cohort.isOpen ? null : { name: e.cohort.name, startsAt: iso(e.cohort.startsAt), endsAt: iso(e.cohort.endsAt) },
      enrolledAt: iso(e.enrolledAt),
      completion: e.completion
        ? { completedAt: iso(e.completion.completedAt), courseVersion: e.completion.courseVersion, modality: e.completion.modality }
        : null,
      lessons: e.lessonProgress.map((p) => ({
        lessonId: p.lessonId,
        title: names.lesson(e.courseId, p.lessonId),
        startedAt: iso(p.startedAt),
        lastViewedAt: iso(p.lastViewedAt),
        completedAt: iso(p.completedAt),
      })),
    })),
    quizAttempts: attempts.map((a) => ({
      course: course(a.courseId, a.course.slug),
      quizId: a.quizId,
      number: a.number,
      status: a.status,
      answers: parseJson(a.answers) as Record<string, unknown>,
      score: a.score,
      maxScore: a.maxScore,
      percent: a.percent,
      passed: a.passed,
      startedAt: iso(a.startedAt),
      submittedAt: iso(a.submittedAt),
    })),
    scormAttempts: scormAttempts.map((a) => {
      const state = attemptState(a);
      return {
        course: course(a.courseId, a.course.slug),
        lessonId: a.lessonId,
        scoId: a.scoId,
        number: a.number,
        status: state.status,
        scorePercent: state.scorePercent,
        seconds: a.totalSeconds + a.sessionSeconds,
        /** As the module saved it: responses, comments, bookmarks, suspend data. */
        data: parseJson(a.cmi) as Record<string, unknown>,
        startedAt: iso(a.startedAt),
        lastSavedAt: a.commitSeq > 0 ? iso(a.updatedAt) : null,
      };
    }),
    submissions: submissions.map((s) => ({
      course: course(s.courseId, s.course.slug),
      assignmentId: s.assignmentId,
      version: s.version,
      text: s.text,
      attachment: s.attachmentName ? { name: s.attachmentName, mimeType: s.attachmentMimeType, size: s.attachmentSize } : null,
      status: s.status,
      submittedAt: iso(s.submittedAt),
      review: s.review
        ? {
            scores: parseJson(s.review.scores),
            totalPoints: s.review.totalPoints,
            maxPoints: s.review.maxPoints,
            feedback: s.review.feedback,
            decision: s.review.decision,
            reviewedAt: iso(s.review.createdAt),
          }
        : null,
    })),
    certificates: certificates.map((c) => ({
      ...c,
      issuedAt: iso(c.issuedAt),
      expiresAt: iso(c.expiresAt),
      revokedAt: iso(c.revokedAt),
    })),
    attendances: attendances.map((a) => ({
      session: { ...a.session, startsAt: iso(a.session.startsAt), endsAt: iso(a.session.endsAt) },
      recordedAt: iso(a.recordedAt),
    })),
    trainingRecords: records.map((r) => ({
      kind: r.kind,
      occurredAt: iso(r.occurredAt),
      course: r.courseId ? course(r.courseId, r.course?.slug ?? r.courseId) : null,
      theme: r.theme,
      modality: r.modality,
      validUntil: iso(r.validUntil),
      organisation: r.organisation?.name ?? null,
      organisationType: r.organisationType,
      sex: r.sex,
      ageBand: r.ageBand,
      profession: r.profession,
      region: r.region ? regionName(r.region.names, locale) : null,
      city: r.city,
    })),
    deletionRequests: deletions.map((d) => ({ status: d.status, requestedAt: iso(d.requestedAt), decidedAt: iso(d.decidedAt) })),
    security: {
      loginSessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
      knownBrowsers: devices.map((d) => ({ firstLogin: iso(d.createdAt), lastLogin: iso(d.lastUsedAt) })),
    },
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalData>>;

/** The download's file name: the date, no name (a shared computer's download folder says nothing of whose it is). */
export function personalDataFileName(now = new Date()): string {
  return `tadrib-data-${now.toISOString().slice(0, 10)}.json`;
}
