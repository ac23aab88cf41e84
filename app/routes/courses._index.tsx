import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/guards.server";
import { foreignLang } from "~/i18n/locales";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { catalogueCards } from "~/learning/course-pages.server";
import { studyTimeText } from "~/learning/study-time";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";
import type { RenderOnceHandle } from "~/http/render-once.server";

// Rendered from its loader data alone: sent again as bytes while that data stays the same (decision 034).
export const handle: I18nHandle & RenderOnceHandle = { i18n: ["courses"], renderOnce: true };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "courses.catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { cards: await catalogueCards(detectLocale(request, user?.locale), user?.id ?? null) };
}

export default function Catalogue() {
  const { t, locale, formatDate, formatList } = useI18n();
  const { cards } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("courses.catalogue.title")}</h1>
      <p className="lead">{t("courses.catalogue.intro")}</p>
      {cards.length === 0 ? <p>{t("courses.catalogue.empty")}</p> : null}
      <ul className="cards">
        {cards.map((card) => {
          const foreign = foreignLang(card.lang, locale);
          return (
            <li key={card.slug} className="card course-card">
              <h2 {...foreign}>
                <Link to={`/courses/${card.slug}`}>{card.title}</Link>
              </h2>
              {card.progress ? (
                <p className="course-card-status">
                  {card.progress.completedAt ? (
                    <span className="badge badge-success">
                      {t("courses.catalogue.completed")} · {formatDate(card.progress.completedAt)}
                    </span>
                  ) : (
                    <span className="badge">{t("courses.catalogue.inProgress", { percent: card.progress.percent })}</span>
                  )}
                </p>
              ) : null}
              <p {...foreign}>{card.summary}</p>
              <dl className="facts">
                <dt>{t("courses.facts.audience")}</dt>
                <dd {...foreign}>{card.audience}</dd>
                {card.minutes !== null ? (
                  <>
                    <dt>{t("courses.facts.duration")}</dt>
                    <dd className="course-study-time">{studyTimeText(t, card.minutes)}</dd>
                  </>
                ) : null}
                <dt>{t("courses.facts.hours")}</dt>
                <dd>{t("courses.hours", { count: card.hours })}</dd>
                <dt>{t("courses.facts.content")}</dt>
                <dd>
                  {t("courses.modules", { count: card.modules })} · {t("courses.lessons", { count: card.lessons })}
                </dd>
                <dt>{t("courses.facts.languages")}</dt>
                <dd>{formatList(card.languages.map((l) => t(`courses.language.${l}`)))}</dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
