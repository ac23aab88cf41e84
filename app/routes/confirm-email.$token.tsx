import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { logOut } from "~/auth/accounts.server";
import { getAuth } from "~/auth/guards.server";
import { confirmSignup, pendingConfirmation } from "~/auth/signup.server";
import { env } from "~/config/env.server";
import { safeRedirectPath } from "~/http/redirect";
import { localeCookie } from "~/i18n/detect.server";
import { isLocale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.signup.confirmTitle");

// The token is in the URL: never send it to another site in a Referer, and keep it out of caches.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin", "Cache-Control": "no-store" });

/**
 * GET shows a button, POST confirms: mail scanners that open every link in
 * an email must not be able to confirm (or use up) a sign-up on their own.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const pending = await pendingConfirmation(params.token ?? "");
  return { email: pending?.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await confirmSignup(params.token ?? "");
  if (!outcome.ok) return data({ error: outcome.error }, { status: 400 });
  // Whoever was logged in in this browser before is replaced by the account just opened.
  await logOut((await getAuth(request))?.session.id);
  const headers = new Headers();
  headers.append("Set-Cookie", outcome.cookie);
  if (isLocale(outcome.locale)) headers.append("Set-Cookie", localeCookie(outcome.locale, env.NODE_ENV === "production"));
  // A new account is invited to fill its profile (what reports count by), unless the sign-up was on its way somewhere.
  return redirect(safeRedirectPath(outcome.redirectTo, "/account/profile?notice=welcome"), { headers });
}

export default function ConfirmEmailPage() {
  const { t, tx } = useI18n();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.error === "alreadyRegistered") {
    return (
      <div className="page page-narrow">
        <h1>{t("auth.signup.confirmTitle")}</h1>
        <div className="alert alert-info" role="status">
          <p>{t("auth.signup.alreadyRegistered")}</p>
        </div>
        <p>
          <Link to="/login" className="button">
            {t("auth.signup.loginLink")}
          </Link>{" "}
          <Link to="/forgot-password">{t("auth.login.forgotLink")}</Link>
        </p>
      </div>
    );
  }
  if (!email || actionData?.error) {
    return (
      <div className="page page-narrow">
        <h1>{t("auth.signup.confirmInvalidTitle")}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t("auth.signup.confirmInvalid")}</p>
        </div>
        <p>
          <Link to="/signup" className="button">
            {t("auth.login.signupLink")}
          </Link>{" "}
          <Link to="/login">{t("auth.signup.loginLink")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <h1>{t("auth.signup.confirmTitle")}</h1>
      <p>{tx("auth.signup.confirmIntro", { email: <bdi>{email}</bdi> })}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("auth.signup.confirmSubmit")}
        </button>
      </Form>
    </div>
  );
}
