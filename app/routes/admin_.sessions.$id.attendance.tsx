import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { AttendanceToggle, OnTheSpotForm } from "~/training/attendance-sheet";
import { addOnTheSpot, attendanceSheet, tick, untick } from "~/training/attendance.server";
import { SEARCH_MIN } from "~/training/session-form";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "learning", "sessions"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sessions.sheet.title");

const DONE = ["created", "ticked", "unticked", "added", "matched"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const search = new URL(request.url).searchParams;
  const sheet = await attendanceSheet(params.id ?? "", search.get("q") ?? "", detectLocale(request, user.locale));
  const who = search.get("who");
  return { ...sheet, who: who ? (sheet.present.find((p) => p.id === who)?.name ?? null) : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const sessionId = params.id ?? "";
  const form = await readFormData(request);
  const intent = form.get("intent");
  const q = new URL(request.url).searchParams.get("q");
  const back = (done: (typeof DONE)[number], who?: string) =>
    redirect(`/admin/sessions/${sessionId}/attendance?${new URLSearchParams({ ...(q ? { q } : {}), done, ...(who ? { who } : {}) })}`);
  if (intent === "add") {
    const outcome = await addOnTheSpot(sessionId, form);
    if (!outcome.ok) return data(outcome, { status: 400 });
    throw redirect(`/admin/sessions/${sessionId}/attendance?${new URLSearchParams({ done: outcome.created ? "added" : "matched", who: outcome.userId })}`);
  }
  const userId = String(form.get("userId") ?? "");
  if (intent === "tick") {
    await tick(sessionId, userId);
    throw back("ticked", userId);
  }
  if (intent === "untick") {
    await untick(sessionId, userId);
    throw back("unticked");
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function AttendanceSheetPage() {
  const { t, tx, formatDate } = useI18n();
  const { session, present, q, results, organisations, who } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE.find((d) => d === params.get("done"));
  const here = `/admin/sessions/${session.id}/attendance`;
  // Ticking from search results keeps the search, to tick the next one.
  const toggleAction = q ? `${here}?${new URLSearchParams({ q })}` : here;
  return (
    <div className="page page-narrow stack attendance-sheet">
      <Breadcrumbs
        items={[
          { label: t("admin.title"), to: "/admin" },
          { label: t("sessions.list.title"), to: "/admin/sessions" },
          { label: session.title },
        ]}
      />
      <h1>{tx("sessions.sheet.heading", { title: <bdi>{session.title}</bdi> })}</h1>
      <p className="muted">
        {formatDate(session.startsAt, { dateStyle: "full", timeStyle: "short" })} · {t(`sessions.modality.${session.modality}`)}
        {session.place ? (
          <>
            {" · "}
            <bdi>{session.place}</bdi>
          </>
        ) : null}
        <br />
        <span lang={session.subject.lang} dir="auto">
          {session.subject.text}
        </span>
      </p>
      {done ? (
        <p className="alert alert-success" role="status">
          {who ? tx(`sessions.done.${done}Who`, { name: <bdi>{who}</bdi> }) : t(`sessions.done.${done}`)}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="present-title">
        <h2 id="present-title">
          {t("sessions.sheet.presentTitle")} <span className="attendance-count">({t("sessions.sheet.presentCount", { count: present.length })})</span>
        </h2>
        {present.length ? (
          <>
            <p className="field-hint">{t("sessions.sheet.presentHint")}</p>
            <ul className="attendance-list" aria-labelledby="present-title">
              {present.map((person) => (
                <AttendanceToggle key={person.id} person={person} present action={toggleAction} />
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t("sessions.sheet.nobody")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="find-title">
        <h2 id="find-title">{t("sessions.sheet.findTitle")}</h2>
        <Form method="get" className="attendance-search" role="search">
          <div className="field">
            <label htmlFor="find-person">{t("sessions.sheet.findLabel")}</label>
            <input id="find-person" name="q" type="search" defaultValue={q} minLength={SEARCH_MIN} maxLength={100} autoComplete="off" />
          </div>
          <button type="submit" className="button">
            {t("sessions.sheet.find")}
          </button>
        </Form>
        {results === null ? null : results.length ? (
          <>
            <p className="field-hint" id="results-hint">
              {t("sessions.sheet.resultsHint")}
            </p>
            <ul className="attendance-list" aria-label={t("sessions.sheet.results")} aria-describedby="results-hint">
              {results.map((person) => (
                <AttendanceToggle key={person.id} person={person} present={person.present} action={toggleAction} />
              ))}
            </ul>
          </>
        ) : (
          <p role="status">{tx("sessions.sheet.noResults", { q: <bdi>{q}</bdi> })}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="add-title">
        <h2 id="add-title">{t("sessions.sheet.addTitle")}</h2>
        <p className="field-hint">{t("sessions.sheet.addHint")}</p>
        <OnTheSpotForm organisations={organisations} action={here} lastResult={outcome && !outcome.ok ? outcome.result : undefined} />
      </section>

      <p>
        <Link to={`/admin/sessions/${session.id}/edit`}>{t("sessions.sheet.edit")}</Link>
      </p>
    </div>
  );
}
