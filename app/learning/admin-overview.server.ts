import { type CatalogCourse, getCatalog } from "~/catalog/catalog.server";
import { contentLanguage, textIn } from "~/catalog/outline";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { loadQuiz } from "./quiz/load.server";
import { QUIZ_ISLAND } from "./quiz/quiz-kind";
import { quizUrls } from "./quiz/quiz-pages.server";

export const USERS_PER_PAGE = 50;

/** How many characters of a course version (a SHA-256) the admin overview shows: enough to tell versions apart. */
export const SHORT_VERSION_LENGTH = 8;

/**
 * /admin: users (paginated) and, per course, how many learners started and
 * completed it, the version of its content now served and how many
 * completions were made on earlier ones, the submissions waiting for review
 * and its quizzes' statistics.
 */
export async function adminOverview(requestedPage: number, locale: Locale) {
  const totalUsers = await db.user.count();
  const pages = Math.max(1, Math.ceil(totalUsers / USERS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pages);
  const [users, enrolled, completed, pending, { courses }] = await Promise.all([
    db.user.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PER_PAGE,
      take: USERS_PER_PAGE,
      select: { id: true, name: true, email: true, role: true, locale: true, createdAt: true },
    }),
    db.enrolment.groupBy({ by: ["courseId"], _count: { _all: true } }),
    db.completion.groupBy({ by: ["courseId", "courseVersion"], _count: { _all: true } }),
    db.submission.groupBy({ by: ["courseId"], where: { status: "submitted" }, _count: { _all: true } }),
    getCatalog(),
  ]);
  // Completions are grouped by version too: sum the rows of the course.
  const count = (rows: { courseId: string; _count: { _all: number } }[], id: string) =>
    rows.filter((r) => r.courseId === id).reduce((n, r) => n + r._count._all, 0);
  return {
    users: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
    page,
    pages,
    totalUsers,
    courses: await Promise.all(
      courses.map(async (course) => {
        const { lang } = contentLanguage(course.definition.languages, locale);
        return {
          slug: course.slug,
          lang,
          languages: course.definition.languages,
          title: textIn(course.definition.title, lang),
          enrolled: count(enrolled, course.id),
          completed: count(completed, course.id),
          version: course.version.slice(0, SHORT_VERSION_LENGTH),
          onEarlierVersions: completed
            .filter((r) => r.courseId === course.id && r.courseVersion !== course.version)
            .reduce((n, r) => n + r._count._all, 0),
          awaitingReview: count(pending, course.id),
          quizzes: await courseQuizzes(course, lang),
        };
      }),
    ),
  };
}

/** The course's quizzes, each with the link to its per-question statistics. */
async function courseQuizzes(course: CatalogCourse, lang: Locale) {
  const ids = (course.islands ?? []).filter((i) => i.kind === QUIZ_ISLAND).map((i) => i.id);
  return Promise.all(
    ids.map(async (id) => {
      const quiz = await loadQuiz(course, id);
      return { id, title: quiz ? textIn(quiz.title, lang) : id, href: quizUrls(course.slug, id).statistics };
    }),
  );
}
