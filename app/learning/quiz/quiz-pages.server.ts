import { redirect } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { IslandLoaderInput } from "~/catalog/content-kind.server";
import { lessonShowingIsland } from "~/catalog/island-lesson.server";
import { contentLanguage, findLesson, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { canReviewCourse } from "~/learning/assignment/reviewers.server";
import { recordCompletionIfMet } from "~/learning/completion.server";
import { knownOrCurrentEnrolment } from "~/learning/enrolments.server";
import { requireCourseWith, requireEnrolledCourseWith } from "~/learning/course-access.server";
import { quizState, saveAnswer, startOrResumeAttempt, submitAttempt, type QuizScope } from "./attempts.server";
import type { Quiz } from "./definition.server";
import { answersFromForm, applyMove } from "./form-answers";
import { loadQuiz } from "./load.server";
import { QUIZ_ISLAND } from "./quiz-kind";
import { quizStatistics } from "./stats.server";
import type { QuizPanelData } from "./types";
import { readFormData } from "~/http/form.server";

/**
 * The learner's side of quizzes over HTTP: the data of the lesson island,
 * the quiz page (/courses/:slug/quizzes/:quizId, also the target of the
 * island's forms, so everything works without JavaScript), the per-answer
 * save endpoint, and the statistics page for reviewers and admins.
 */

export function quizUrls(slug: string, quizId: string) {
  const base = `/courses/${slug}/quizzes/${quizId}`;
  return { page: base, answers: `${base}/answers`, statistics: `${base}/statistics` };
}

export function lessonAnchor(slug: string, lessonId: string, quizId: string): string {
  return `/courses/${slug}/${lessonId}#quiz-${quizId}`;
}

const quizOf = (quizId: string) => (course: CatalogCourse) => loadQuiz(course, quizId);

/** Signed-in learners enrolled in the course only: the guard of every learner-side quiz request. */
async function requireEnrolledQuiz(slug: string, quizId: string, userId: string, wanted: Locale) {
  const { course, found: quiz, enrolment } = await requireEnrolledCourseWith(slug, userId, quizOf(quizId));
  const { lang } = contentLanguage(course.definition.languages, wanted);
  const scope: QuizScope = { userId, courseId: course.id, enrolmentId: enrolment.id, courseVersion: course.version, quiz, locale: lang };
  return { course, quiz, scope, lang };
}

/** `role`: the signed-in user's, as this request's session read it; absent, it is read here. */
async function mayReview(userId: string, courseId: string, role?: string): Promise<boolean> {
  const user = role ? { id: userId, role } : await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
  return user ? canReviewCourse(user, courseId) : false;
}

async function panelData(course: CatalogCourse, scope: QuizScope, lessonId: string | null, lang: Locale, role?: string): Promise<QuizPanelData> {
  const urls = quizUrls(course.slug, scope.quiz.id);
  return {
    courseSlug: course.slug,
    lessonId,
    lang,
    actionUrl: urls.page,
    answersUrl: urls.answers,
    statisticsUrl: (await mayReview(scope.userId, course.id, role)) ? urls.statistics : null,
    state: await quizState(scope, lang),
  };
}

/** Island data for <Quiz id="…" /> in a lesson (the quiz kind's loader), or null if the course has no such quiz. */
export async function quizIslandData(input: Omit<IslandLoaderInput, "props"> & { quizId: unknown }) {
  if (typeof input.quizId !== "string") return null;
  const quiz = await loadQuiz(input.course, input.quizId);
  if (!quiz) return null;
  const enrolment = await knownOrCurrentEnrolment(input.userId, input.course.id, input.enrolment);
  if (!enrolment) return null;
  const scope: QuizScope = {
    userId: input.userId,
    courseId: input.course.id,
    enrolmentId: enrolment.id,
    courseVersion: input.course.version,
    quiz,
    locale: input.lang,
  };
  return panelData(input.course, scope, input.lessonId, input.lang, input.userRole);
}

async function resolveLesson(course: CatalogCourse, quizId: string, lang: Locale, wanted: unknown): Promise<string | null> {
  if (typeof wanted === "string" && findLesson(course.definition, wanted)) return wanted;
  return lessonShowingIsland(course, QUIZ_ISLAND, quizId, lang);
}

/** GET /courses/:slug/quizzes/:quizId — the quiz on its own page (the island's no-JavaScript fallback too). */
export async function quizPage(slug: string, quizId: string, wantedLesson: string | null, user: SessionUser, locale: Locale) {
  const { course, scope } = await requireEnrolledQuiz(slug, quizId, user.id, locale);
  const { lang, fallback } = contentLanguage(course.definition.languages, locale);
  const lessonId = await resolveLesson(course, quizId, lang, wantedLesson);
  return {
    course: { slug, title: textIn(course.definition.title, lang) },
    lesson: lessonId ? { id: lessonId, title: textIn(findLesson(course.definition, lessonId)?.lesson.title ?? {}, lang) } : null,
    fallback,
    panel: await panelData(course, scope, lessonId, lang, user.role),
  };
}

/**
 * POST /courses/:slug/quizzes/:quizId — the island's and the page's forms:
 * intent=start | save | submit, or move=<questionId>:<index>:up|down for the
 * ordering buttons. Answers in the form are saved first (that is how the
 * form works without JavaScript). Always redirects back to where the quiz is.
 */
export async function quizFormAction(request: Request, slug: string, quizId: string, user: SessionUser): Promise<Response> {
  const { course, scope, lang } = await requireEnrolledQuiz(slug, quizId, user.id, user.locale as Locale);
  const form = await readFormData(request);
  const lessonId = await resolveLesson(course, quizId, lang, form.get("lesson"));
  const back = lessonId ? lessonAnchor(slug, lessonId, quizId) : quizUrls(slug, quizId).page;
  const intent = String(form.get("intent") ?? "");
  const move = form.get("move");

  if (intent === "start") {
    const started = await startOrResumeAttempt(scope);
    // Without JavaScript, the fragment brings the learner (and the keyboard's starting point) to the first question.
    const first = started.ok ? firstQuestionId(scope.quiz, started.attempt.questionIds) : null;
    return redirect(first ? back.replace(/#.*$/, "") + `#q-${first}` : back);
  }

  const attemptId = String(form.get("attemptId") ?? "");
  const state = await quizState(scope, lang);
  // Only the attempt under way takes answers: a form left open from an older attempt changes nothing.
  if (state.current && state.current.attemptId === attemptId) {
    let answers = answersFromForm(form, state.current.view);
    if (typeof move === "string") answers = applyMove(answers, state.current.view, move);
    // A form adds to what is saved and never erases: a stale second tab, or a form posted
    // without its fields, must not wipe the answers the learner gave elsewhere.
    for (const [questionId, value] of Object.entries(answers)) if (value !== null) await saveAnswer(scope, attemptId, questionId, value);
    if (intent === "submit") {
      await submitAttempt(scope, attemptId);
      await recordCompletionIfMet(user.id, course);
    }
  }
  const questionAnchor = typeof move === "string" ? move.split(":")[0] : null;
  return redirect(questionAnchor && /^[a-z0-9-]+$/.test(questionAnchor) ? back.replace(/#.*$/, `#q-${questionAnchor}`) : back);
}

/**
 * POST /courses/:slug/quizzes/:quizId/answers — one answer, saved as the
 * learner gives it (the island calls this on every change, without
 * reloading the page). Body: attemptId, questionId, value (JSON).
 */
export async function saveAnswerRequest(request: Request, slug: string, quizId: string, user: SessionUser): Promise<Response> {
  const { scope } = await requireEnrolledQuiz(slug, quizId, user.id, user.locale as Locale);
  const form = await readFormData(request);
  let value: unknown;
  try {
    value = JSON.parse(String(form.get("value") ?? "null"));
  } catch {
    return Response.json({ ok: false, reason: "invalid-answer" }, { status: 400 });
  }
  const result = await saveAnswer(scope, String(form.get("attemptId") ?? ""), String(form.get("questionId") ?? ""), value);
  const status = result.ok ? 200 : result.reason === "closed" ? 409 : result.reason === "not-found" ? 404 : 400;
  return Response.json(result, { status, headers: { "Cache-Control": "no-store" } });
}

/** GET /courses/:slug/quizzes/:quizId/statistics — reviewers of the course and admins only. */
export async function quizStatisticsPage(slug: string, quizId: string, user: SessionUser, locale: Locale) {
  const { course, found: quiz } = await requireCourseWith(slug, quizOf(quizId));
  if (!(await canReviewCourse(user, course.id))) throw new Response("Forbidden", { status: 403 });
  const { lang } = contentLanguage(course.definition.languages, locale);
  const lessonId = await lessonShowingIsland(course, QUIZ_ISLAND, quizId, lang);
  return {
    course: { slug, title: textIn(course.definition.title, lang) },
    lesson: lessonId ? { id: lessonId, title: textIn(findLesson(course.definition, lessonId)?.lesson.title ?? {}, lang) } : null,
    lang,
    title: textIn(quiz.title, lang),
    statistics: await quizStatistics(course.id, quiz, lang),
  };
}

/** The first question the learner answers in an attempt: a case study's first part when it comes first. */
function firstQuestionId(quiz: Quiz, questionIds: readonly string[]): string | null {
  const first = quiz.questions.find((q) => q.id === questionIds[0]);
  if (!first) return null;
  return first.type === "case" ? (first.questions[0]?.id ?? null) : first.id;
}
