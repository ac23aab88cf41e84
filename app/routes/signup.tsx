import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { signUp } from "~/auth/accounts.server";
import { signupSchema } from "~/auth/forms";
import { requireAnonymous } from "~/auth/guards.server";
import { retryAfterMinutes, retryWhen } from "~/auth/retry-after";
import { PASSWORD_MESSAGE_PARAMS } from "~/auth/password-policy";
import { env } from "~/config/env.server";
import { clientIp } from "~/http/client-ip.server";
import { safeRedirectPath } from "~/http/redirect";
import { localeCookie } from "~/i18n/detect.server";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: signupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfterMinutes: 0 }, { status: 400 });
  }
  const outcome = await signUp(submission.value, clientIp(request, context));
  if (!outcome.ok) {
    const limited = outcome.error === "tooManyAttempts";
    return data(
      {
        result: submission.reply({
          formErrors: [limited ? "auth.errors.tooManyAttempts" : "auth.signup.emailUnavailable"],
          hideFields: ["password"],
        }),
        retryAfterMinutes: limited ? retryAfterMinutes(outcome.retryAfterMs) : 0,
      },
      { status: limited ? 429 : 400 }
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", outcome.cookie);
  headers.append("Set-Cookie", localeCookie(submission.value.locale, env.NODE_ENV === "production"));
  const to = safeRedirectPath(submission.value.redirectTo, "/courses?notice=welcome");
  return redirect(to, { headers });
}

export default function SignupPage() {
  const { t, locale } = useI18n();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(signupSchema),
    defaultValue: { locale, redirectTo },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
  const loginHref = redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login";
  const [consentBefore, consentAfter] = t("auth.signup.consent").split("{link}");
  return (
    <div className="page page-narrow">
      <h1>{t("auth.signup.title")}</h1>
      <p>{t("auth.signup.intro")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors
          id={form.errorId}
          errors={form.errors}
          params={{ when: retryWhen(locale, actionData?.retryAfterMinutes || 1) }}
        />
        <input type="hidden" name={fields.redirectTo.name} value={fields.redirectTo.initialValue ?? redirectTo} />
        <TextField field={fields.name} label={t("auth.fields.name")} autoComplete="name" />
        <TextField field={fields.email} type="email" label={t("auth.fields.email")} autoComplete="email" dir="ltr" />
        <TextField
          field={fields.password}
          type="password"
          label={t("auth.fields.password")}
          hint={t("auth.hints.password", PASSWORD_MESSAGE_PARAMS)}
          errorParams={PASSWORD_MESSAGE_PARAMS}
          autoComplete="new-password"
        />
        <SelectField
          field={fields.locale}
          label={t("auth.fields.locale")}
          options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
        />
        <CheckboxField
          field={fields.consent}
          label={
            <>
              {consentBefore}
              <Link to="/privacy">{t("auth.signup.consentLink")}</Link>
              {consentAfter}
            </>
          }
        />
        <p>
          <button type="submit" className="button">
            {t("auth.signup.submit")}
          </button>
        </p>
      </Form>
      <p>
        {t("auth.signup.haveAccount")} <Link to={loginHref}>{t("auth.signup.loginLink")}</Link>
        {" · "}
        <Link to="/forgot-password">{t("auth.login.forgotLink")}</Link>
      </p>
    </div>
  );
}
