import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server";
import { loginSchema } from "~/auth/forms";
import { requireAnonymous } from "~/auth/guards.server";
import { retryAfterMinutes, retryWhen } from "~/auth/retry-after";
import { clientIp } from "~/http/client-ip.server";
import { safeRedirectPath } from "~/http/redirect";
import { useI18n } from "~/i18n/react";
import { FormErrors, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfterMinutes: 0 }, { status: 400 });
  }
  const outcome = await logIn(submission.value, clientIp(request, context));
  if (!outcome.ok) {
    const limited = outcome.error === "tooManyAttempts";
    return data(
      {
        result: submission.reply({ formErrors: [`auth.errors.${outcome.error}`], hideFields: ["password"] }),
        retryAfterMinutes: limited ? retryAfterMinutes(outcome.retryAfterMs) : 0,
      },
      { status: limited ? 429 : 400 }
    );
  }
  const to = safeRedirectPath(submission.value.redirectTo, "/courses");
  return redirect(to, { headers: { "Set-Cookie": outcome.cookie } });
}

export default function LoginPage() {
  const { t, locale } = useI18n();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    defaultValue: { redirectTo },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  const signupHref = redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup";
  return (
    <div className="page page-narrow">
      <h1>{t("auth.login.title")}</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors
          id={form.errorId}
          errors={form.errors}
          params={{ when: retryWhen(locale, actionData?.retryAfterMinutes || 1) }}
        />
        <input type="hidden" name={fields.redirectTo.name} value={fields.redirectTo.initialValue ?? redirectTo} />
        <TextField field={fields.email} type="email" label={t("auth.fields.email")} autoComplete="username" dir="ltr" />
        <TextField
          field={fields.password}
          type="password"
          label={t("auth.fields.password")}
          autoComplete="current-password"
        />
        <p>
          <button type="submit" className="button">
            {t("auth.login.submit")}
          </button>
        </p>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.login.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.login.noAccount")} <Link to={signupHref}>{t("auth.login.signupLink")}</Link>
      </p>
    </div>
  );
}
