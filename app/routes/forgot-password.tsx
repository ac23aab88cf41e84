import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { forgotPasswordSchema } from "~/auth/forms";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { retryAfterSeconds, retryWhen } from "~/auth/retry-after";
import { clientIp } from "~/http/client-ip.server";
import { useI18n } from "~/i18n/react";
import { FormErrors, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.forgot.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: forgotPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sentTo: null, retryAfterSeconds: 0 }, { status: 400 });
  }
  const email = submission.value.email;
  const outcome = await requestPasswordReset(email, { ip: clientIp(request, context) });
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ formErrors: ["auth.errors.tooManyAttempts"] }),
        sentTo: null,
        retryAfterSeconds: retryAfterSeconds(outcome.retryAfterMs),
      },
      { status: 429 }
    );
  }
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sentTo: email, retryAfterSeconds: 0 };
}

export default function ForgotPasswordPage() {
  const { t, tx, locale } = useI18n();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <div className="page page-narrow">
      <h1>{t("auth.forgot.title")}</h1>
      {actionData?.sentTo ? (
        <div className="alert alert-success" role="status">
          <p>{tx("auth.forgot.sent", { email: <bdi>{actionData.sentTo}</bdi> })}</p>
        </div>
      ) : null}
      <p>{t("auth.forgot.intro")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors
          id={form.errorId}
          errors={form.errors}
          params={{ when: retryWhen(locale, actionData?.retryAfterSeconds || 1) }}
        />
        <TextField field={fields.email} type="email" label={t("auth.fields.email")} autoComplete="email" dir="ltr" />
        <p>
          <button type="submit" className="button">
            {t("auth.forgot.submit")}
          </button>
        </p>
      </Form>
      <p>
        <Link to="/login">{t("auth.forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
