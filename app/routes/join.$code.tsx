import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { foreignLang } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { JoinCodeForm } from "~/learning/join-form";
import { joinCohort, joinPage } from "~/learning/join.server";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["cohorts"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohorts.join.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await joinPage(params.code ?? "", detectLocale(request, user?.locale), user?.id ?? null);
  // An unknown code answers 404, with the form to type it again.
  if (!page) return data({ found: false as const, code: (params.code ?? "").slice(0, 40) }, { status: 404 });
  return { found: true as const, ...page, signedIn: Boolean(user) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Anonymous visitors are sent to log in, and come back here.
  const user = await requireUser(request);
  const outcome = await joinCohort(params.code ?? "", user.id);
  if (!outcome) throw new Response("Not found", { status: 404 });
  if (!outcome.ok) return data({ refused: outcome.reason }, { status: 400 });
  throw redirect(`/courses/${outcome.slug}`);
}

export default function JoinPage() {
  const { t, tx, locale, formatDate } = useI18n();
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.refused;
  if (!page.found) {
    return (
      <div className="page page-narrow stack">
        <h1>{t("cohorts.join.title")}</h1>
        <p className="alert alert-error" role="alert">
          {t("cohorts.join.notFound")}
        </p>
        <JoinCodeForm code={page.code} />
      </div>
    );
  }
  const { course, cohort, state, signedIn } = page;
  const foreign = foreignLang(course.lang, locale);
  const here = encodeURIComponent(cohort.joinPath);
  const day = (iso: string) => formatDate(iso, { dateStyle: "long" });
  return (
    <div className="page page-narrow stack">
      <h1>{t("cohorts.join.title")}</h1>
      <p className="lead">{tx("cohorts.join.invited", { course: <bdi {...foreign}>{course.title}</bdi> })}</p>
      <dl className="facts">
        <dt>{t("cohorts.join.course")}</dt>
        <dd {...foreign}>{course.title}</dd>
        <dt>{t("cohorts.join.group")}</dt>
        <dd>{cohort.isOpen ? t("cohorts.open.name") : <bdi>{cohort.name}</bdi>}</dd>
        {cohort.startsAt || cohort.endsAt ? (
          <>
            <dt>{t("cohorts.join.dates")}</dt>
            <dd>
              {cohort.startsAt && cohort.endsAt
                ? t("cohorts.join.fromTo", { start: day(cohort.startsAt), end: day(cohort.endsAt) })
                : cohort.startsAt
                  ? t("cohorts.join.from", { start: day(cohort.startsAt) })
                  : t("cohorts.join.until", { end: day(cohort.endsAt!) })}
            </dd>
          </>
        ) : null}
      </dl>
      {refused ? (
        <p className="alert alert-error" role="alert">
          {t(`cohorts.join.refused.${refused}`)}
        </p>
      ) : null}
      {state === "member" ? (
        <p className="alert alert-success" role="status">
          {t("cohorts.join.member")} <Link to={`/courses/${course.slug}`}>{t("cohorts.join.toCourse")}</Link>
        </p>
      ) : state !== "open" ? (
        <p className="alert alert-error">{t(`cohorts.join.refused.${state === "ended" ? "closed" : "full"}`)}</p>
      ) : signedIn ? (
        <Form method="post">
          <button type="submit" className="button">
            {t("cohorts.join.join")}
          </button>
        </Form>
      ) : (
        <div className="stack">
          <p>{t("cohorts.join.signInFirst")}</p>
          <p className="actions">
            <Link to={`/login?redirectTo=${here}`} className="button">
              {t("cohorts.join.login")}
            </Link>
            <Link to={`/signup?redirectTo=${here}`} className="button button-secondary">
              {t("cohorts.join.signup")}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
