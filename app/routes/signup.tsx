import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { signupSchema } from "~/auth/forms";
import { requireAnonymous } from "~/auth/guards.server";
import { retryAfterSeconds, retryWhen } from "~/auth/retry-after";
import { signUp } from "~/auth/signup.server";
import { PASSWORD_MESSAGE_PARAMS } from "~/auth/password-policy";
import { clientIp } from "~/http/client-ip.server";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await readFormData(request), { schema: signupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), sentTo: null, retryAfterSeconds: 0 }, { status: 400 });
  }
  const outcome = await signUp(submission.value, clientIp(request, context));
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ formErrors: ["auth.errors.tooManyAttempts"], hideFields: ["password"] }),
        sentTo: null,
        retryAfterSeconds: retryAfterSeconds(outcome.retryAfterMs),
      },
      { status: 429 },
    );
  }
  // The same answer whether or not the address already has an account: the email says which.
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, retryAfterSeconds: 0 };
}

export default function SignupPage() {
  const { t, tx, locale } = useI18n();
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
  if (actionData?.sentTo) {
    return (
      <div className="page page-narrow">
        <h1>{t("auth.signup.sentTitle")}</h1>
        <div className="alert alert-success" role="status">
          <p>{tx("auth.signup.sent", { email: <bdi>{actionData.sentTo}</bdi> })}</p>
        </div>
        <p>
          <Link to={loginHref}>{t("auth.signup.loginLink")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <h1>{t("auth.signup.title")}</h1>
      <p>{t("auth.signup.intro")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors
          id={form.errorId}
          errors={form.errors}
          params={{ when: retryWhen(locale, actionData?.retryAfterSeconds || 1) }}
        />
        <input type="hidden" name={fields.redirectTo.name} value={fields.redirectTo.initialValue ?? redirectTo} />
        <TextField field={fields.name} label={t("auth.fields.name")} autoComplete="name" dir="auto" />
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
