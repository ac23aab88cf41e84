import { redirect } from "@remix-run/node";
import { type CatalogCourse, getCourse } from "~/catalog/catalog.server";
import type { Enrolment } from "~/db/generated/client";
import { currentEnrolment } from "./enrolments.server";

/**
 * The guards of the course pages. They throw the response the loader or
 * action answers with, so the pages read top to bottom.
 */

/** The course and what `find` looks up in it (a lesson, a quiz, an assignment); 404 when either is missing. */
export async function requireCourseWith<T>(
  slug: string,
  find: (course: CatalogCourse) => T | null | Promise<T | null>,
): Promise<{ course: CatalogCourse; found: T }> {
  const course = await getCourse(slug);
  const found = course ? await find(course) : null;
  if (!course || found === null) throw new Response("Not found", { status: 404 });
  return { course, found };
}

/** The course, or a 404. */
export async function requireCourse(slug: string): Promise<CatalogCourse> {
  return (await requireCourseWith(slug, (course) => course)).course;
}

/**
 * As requireCourseWith, for a signed-in learner enrolled in the course, with
 * their current run of it: one who is not enrolled is sent to the course
 * page, where they can enrol.
 */
export async function requireEnrolledCourseWith<T>(
  slug: string,
  userId: string,
  find: (course: CatalogCourse) => T | null | Promise<T | null>,
): Promise<{ course: CatalogCourse; found: T; enrolment: Enrolment }> {
  const result = await requireCourseWith(slug, find);
  const enrolment = await currentEnrolment(userId, result.course.id);
  if (!enrolment) throw redirect(`/courses/${slug}`);
  return { ...result, enrolment };
}
