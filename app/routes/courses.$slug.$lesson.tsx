import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { LessonIsland } from "~/content-kinds";
import { detectLocale } from "~/i18n/detect.server";
import { useForeign, useI18n, WithMessages } from "~/i18n/react";
import { completeLesson, lessonPage } from "~/learning/lesson-page.server";
import { CertificateReady, RemainingSteps } from "~/learning/completion-ui";
import { ProgressMeter } from "~/learning/progress-meter";
import { Breadcrumbs, courseCrumbs } from "~/ui/breadcrumbs";
import { readFormData } from "~/http/form.server";
import { markupOnly, MarkupOnlyHtml } from "~/http/markup-only-html";
import type { I18nHandle } from "~/i18n/namespaces";
import type { RenderOnceHandle } from "~/http/render-once.server";

// Rendered from its loader data alone: sent again as bytes while that data stays the same (decision 034).
export const handle: I18nHandle & RenderOnceHandle = { i18n: ["completion", "courses", "learning"], renderOnce: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title} · Tadrib` : "Tadrib" },
];

/**
 * Pop-ups a SCORM package opens (from its sandboxed frame) keep their opener, through which they reach the
 * player on this page; same-origin, every other page's policy, would cut it (docs/decisions/024).
 */
export const headers: HeadersFunction = () => ({ "Cross-Origin-Opener-Policy": "same-origin-allow-popups" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await lessonPage(params.slug ?? "", params.lesson ?? "", user, detectLocale(request, user.locale));
  // The lesson's HTML goes once: in the markup of a document, in the data of a client-side navigation.
  const segments = page.segments.map((segment, i) =>
    segment.type === "html" ? { ...segment, html: markupOnly(context, segmentKey(page.lesson.id, page.lang, i), segment.html) } : segment,
  );
  return { ...page, segments };
}

const segmentKey = (lessonId: string, lang: string, index: number) => `${lessonId}/${lang}/${index}`;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Islands post to their own routes; only the "mark as complete" form may complete the lesson.
  if ((await readFormData(request)).get("intent") !== "complete") throw new Response("Bad request", { status: 400 });
  return completeLesson(params.slug ?? "", params.lesson ?? "", user.id);
}

export default function LessonPage() {
  const { t } = useI18n();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { course, lesson, lang } = page;
  const foreign = useForeign(lang);
  const courseHref = `/courses/${course.slug}`;

  return (
    <div className="page page-reading lesson-page">
      <Breadcrumbs items={[...courseCrumbs(t, course, foreign), { label: lesson.title, foreign }]} />
      <p className="muted lesson-position">
        {t("learning.lesson.position", { index: lesson.index, total: lesson.total })} · <span {...foreign}>{lesson.moduleTitle}</span>
        {lesson.minutes !== null ? <> · <span className="lesson-reading-time">{t("learning.lesson.readingTime", { count: lesson.minutes })}</span></> : null}
      </p>
      <h1 {...foreign}>{lesson.title}</h1>
      {page.fallback ? (
        <p className="alert alert-info">{t("learning.lesson.fallback", { language: t(`courses.language.${lang}`) })}</p>
      ) : null}

      {page.headings.length > 1 ? (
        <nav aria-labelledby="lesson-toc-title" className="lesson-toc">
          <h2 id="lesson-toc-title" className="lesson-toc-title">
            {t("learning.lesson.toc")}
          </h2>
          <ul {...foreign}>
            {page.headings
              .filter((h) => h.level === 2)
              .map((h) => (
                <li key={h.id}>
                  <a href={`#${h.id}`}>{h.text}</a>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}

      <div className="lesson-body" {...foreign}>
        <WithMessages messages={page.islandMessages}>
          {page.segments.map((segment, i) =>
            segment.type === "html" ? (
              // Rendered from the course's own MDX at build time, never from user input.
              <MarkupOnlyHtml key={i} className="lesson-segment" htmlKey={segmentKey(lesson.id, lang, i)} html={segment.html} />
            ) : (
              <LessonIsland
                key={i}
                kind={segment.kind}
                courseSlug={course.slug}
                lessonId={lesson.id}
                props={segment.props}
                data={page.islandData[i] ?? null}
              />
            ),
          )}
        </WithMessages>
      </div>

      <section className="lesson-complete stack" aria-live="polite">
        {page.done ? (
          <p className="alert alert-success lesson-done">{t("learning.lesson.done")}</p>
        ) : page.completedByIsland ? null : (
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="complete" />
            <button type="submit" className="button">
              {t("learning.lesson.markComplete")}
            </button>
          </Form>
        )}
        {page.courseCompletedAt ? (
          <CertificateReady completedAt={page.courseCompletedAt} certificate={page.certificate} heading="h2">
            {result?.newlyCompleted ? (
              <p role="status">
                <strong>{t("learning.lesson.courseCompleted", { title: course.title })}</strong>
              </p>
            ) : null}
          </CertificateReady>
        ) : page.done ? (
          <RemainingSteps steps={page.remaining} lang={lang} />
        ) : null}
        <ProgressMeter
          percent={page.percent}
          label={t("courses.course.progressLabel")}
          text={t("courses.course.progress", { percent: page.percent })}
        />
      </section>

      <nav aria-label={t("learning.lesson.navLabel")} className="lesson-nav">
        {page.previous ? (
          <Link to={`${courseHref}/${page.previous.id}`} rel="prev" className="lesson-nav-link">
            <span className="lesson-nav-dir">{t("learning.lesson.previous")}</span>
            <span {...foreign}>{page.previous.title}</span>
          </Link>
        ) : (
          <Link to={courseHref} className="lesson-nav-link">
            <span className="lesson-nav-dir">{t("learning.lesson.backToCourse")}</span>
          </Link>
        )}
        {page.next ? (
          <Link to={`${courseHref}/${page.next.id}`} rel="next" className="lesson-nav-link lesson-nav-next">
            <span className="lesson-nav-dir">{t("learning.lesson.next")}</span>
            <span {...foreign}>{page.next.title}</span>
          </Link>
        ) : (
          <Link to={courseHref} className="lesson-nav-link lesson-nav-next">
            <span className="lesson-nav-dir">{t("learning.lesson.backToCourse")}</span>
          </Link>
        )}
      </nav>
    </div>
  );
}
