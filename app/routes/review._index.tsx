import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { reviewQueuePage } from "~/learning/assignment/review-pages.server";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["assignment"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignment.queue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  return { ...(await reviewQueuePage(user, detectLocale(request, user.locale))), isAdmin: user.role === "admin" };
}

const NOTICES: Record<string, string> = { accepted: "assignment.queue.reviewedAccepted", revision: "assignment.queue.reviewedRevision" };

export default function ReviewQueuePage() {
  const { t, locale, formatDate } = useI18n();
  const { items, isAdmin } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("reviewed") ?? ""];

  return (
    <div className="page stack">
      <h1>{t("assignment.queue.title")}</h1>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>{items.length ? t("assignment.queue.intro", { count: items.length }) : t("assignment.queue.empty")}</p>
      {items.length ? (
        <ol className="cards review-queue">
          {items.map((item) => {
            const foreign = foreignLang(item.lang, locale);
            return (
              <li key={item.submissionId} className="card">
                <h2>
                  <Link to={`/review/${item.submissionId}`}>
                    <bdi>{item.learnerName}</bdi> — <span {...foreign}>{item.assignmentTitle}</span>
                  </Link>
                </h2>
                <p className="meta" {...foreign}>
                  {item.courseTitle}
                </p>
                <p className="meta">
                  {t("assignment.version.title", { version: item.version })} ·{" "}
                  {t("assignment.version.submittedOn", { date: formatDate(item.submittedAt, { dateStyle: "medium", timeStyle: "short" }) })}
                  {item.hasAttachment ? ` · ${t("assignment.queue.withAttachment")}` : ""}
                </p>
              </li>
            );
          })}
        </ol>
      ) : null}
      {isAdmin ? (
        <p>
          <Link to="/admin/reviewers">{t("assignment.reviewers.title")}</Link>
        </p>
      ) : null}
    </div>
  );
}
