import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { SessionEditor } from "~/training/session-editor";
import { saveSession, sessionFormPage } from "~/training/sessions.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "learning", "sessions"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sessions.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const page = await sessionFormPage(detectLocale(request, user.locale), params.id ?? "");
  return { ...page, session: page.session! };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const outcome = await saveSession(params.id ?? "", await readFormData(request));
  if (!outcome.ok) return data(outcome, { status: 400 });
  throw redirect("/admin/sessions?done=saved");
}

export default function EditSessionPage() {
  const { t, tx } = useI18n();
  const { session, courses, regions, organisations } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="page page-narrow stack">
      <Breadcrumbs
        items={[
          { label: t("admin.title"), to: "/admin" },
          { label: t("sessions.list.title"), to: "/admin/sessions" },
          { label: session.title },
        ]}
      />
      <h1>{tx("sessions.edit.heading", { title: <bdi>{session.title}</bdi> })}</h1>
      <p>
        <Link to={`/admin/sessions/${session.id}/attendance`}>{t("sessions.edit.sheet")}</Link>
      </p>
      <p className="muted">{t("sessions.edit.recordsFollow")}</p>
      <SessionEditor session={session} courses={courses} regions={regions} organisations={organisations} lastResult={outcome && !outcome.ok ? outcome.result : undefined} />
    </div>
  );
}
