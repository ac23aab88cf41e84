import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
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
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "sessions.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return sessionFormPage(detectLocale(request, user.locale), null);
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const outcome = await saveSession(null, await readFormData(request));
  if (!outcome.ok) return data(outcome, { status: 400 });
  // Straight to the new session's attendance sheet: the usual next step.
  throw redirect(`/admin/sessions/${outcome.sessionId}/attendance?done=created`);
}

export default function NewSessionPage() {
  const { t } = useI18n();
  const { courses, regions, organisations } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="page page-narrow stack">
      <Breadcrumbs
        items={[
          { label: t("admin.title"), to: "/admin" },
          { label: t("sessions.list.title"), to: "/admin/sessions" },
          { label: t("sessions.new.title") },
        ]}
      />
      <h1>{t("sessions.new.title")}</h1>
      <SessionEditor session={null} courses={courses} regions={regions} organisations={organisations} lastResult={outcome && !outcome.ok ? outcome.result : undefined} />
    </div>
  );
}
