import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { formatInviteCode, normalizeInviteCode } from "~/learning/enrolments.server";
import { JoinCodeForm } from "~/learning/join-form";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["cohorts"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cohorts.join.formTitle");

/** /join?code=…: a typed code goes to its cohort's page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40);
  if (!typed) return { code: "", error: null };
  const code = normalizeInviteCode(typed);
  if (code) throw redirect(`/join/${formatInviteCode(code)}`);
  return data({ code: typed, error: "cohorts.join.errors.notACode" }, { status: 400 });
}

export default function JoinFormPage() {
  const { t } = useI18n();
  const { code, error } = useLoaderData<typeof loader>();
  return (
    <div className="page page-narrow stack">
      <h1>{t("cohorts.join.formTitle")}</h1>
      <p>{t("cohorts.join.formIntro")}</p>
      <JoinCodeForm code={code} error={error ?? undefined} />
    </div>
  );
}
