import { Link } from "@remix-run/react";
import type { Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";

export type Crumb = {
  label: string;
  /** Omitted for the current page, which is always the last crumb. */
  to?: string;
  /** lang/dir when the label is in another language than the page (course content fallback). */
  foreign?: { lang?: Locale; dir?: "rtl" | "ltr" };
};

/** The trail above course, lesson, quiz, assignment and review pages. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t("learning.lesson.breadcrumbs")} className="breadcrumbs">
      <ol>
        {items.map((item, index) =>
          index === items.length - 1 ? (
            <li key={index} aria-current="page" {...item.foreign}>
              {item.label}
            </li>
          ) : (
            <li key={index}>
              <Link to={item.to ?? "."} {...item.foreign}>
                {item.label}
              </Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** The first two crumbs of every page inside a course: the catalogue, then the course. */
export function courseCrumbs(
  t: (key: string) => string,
  course: { slug: string; title: string },
  foreign: Crumb["foreign"],
): Crumb[] {
  return [
    { label: t("learning.lesson.courses"), to: "/courses" },
    { label: course.title, to: `/courses/${course.slug}`, foreign },
  ];
}
