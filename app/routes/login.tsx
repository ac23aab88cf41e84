import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server";
import { loginSchema } from "~/auth/forms";
import { requireAnonymous } from "~/auth/guards.server";
import { readDeviceId } from "~/auth/login-throttle.server";
import { retryAfterSeconds, retryWhen } from "~/auth/retry-after";
import { clientIp } from "~/http/client-ip.server";
import { homeFor } from "~/auth/home";
import { safeRedirectOrNull } from "~/http/redirect";
import { useI18n } from "~/i18n/react";
import { FormErrors, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await readFormData(request), { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfterSeconds: 0 }, { status: 400 });
  }
  // Read before the session exists: nothing in redirectTo can fail the response after it is created.
  const wanted = safeRedirectOrNull(submission.value.redirectTo);
  const outcome = await logIn(submission.value, { ip: clientIp(request, context), deviceId: readDeviceId(request) });
  if (!outcome.ok) {
    const limited = outcome.error === "tooManyAttempts";
    return data(
      {
        result: submission.reply({ formErrors: [`auth.errors.${outcome.error}`], hideFields: ["password"] }),
        retryAfterSeconds: limited ? retryAfterSeconds(outcome.retryAfterMs) : 0,
      },
      { status: limited ? 429 : 400 }
    );
  }
  const headers = new Headers();
  for (const cookie of outcome.cookies) headers.append("Set-Cookie", cookie);
  return redirect(wanted ?? homeFor(outcome.role), { headers });
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
          params={{ when: retryWhen(locale, actionData?.retryAfterSeconds || 1) }}
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
