import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { logOut } from "~/auth/accounts.server";
import { resetPasswordSchema } from "~/auth/forms";
import { getAuth } from "~/auth/guards.server";
import { NewPasswordFields } from "~/auth/new-password-fields";
import { isResetTokenUsable, resetPassword } from "~/auth/password-reset.server";
import { appUrl } from "~/http/app-url.server";
import { useI18n } from "~/i18n/react";
import { FormErrors } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.reset.title");

// The token is in the URL: never send it to another site in a Referer, and keep it out of caches.
// ("no-referrer" would also make the browser send "Origin: null" with the form, which the
// server's cross-site check rightly refuses.)
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin", "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: resetPasswordSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }), invalidToken: false }, { status: 400 });
  }
  const outcome = await resetPassword(params.token ?? "", submission.value.password, {
    resetUrl: appUrl("/forgot-password"),
  });
  if (!outcome.ok) {
    if ("field" in outcome) {
      const result = submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] }, hideFields });
      return data({ result, invalidToken: false }, { status: 400 });
    }
    return data({ result: submission.reply({ hideFields }), invalidToken: true }, { status: 400 });
  }
  // Whoever was logged in in this browser before is replaced by the account just recovered.
  const previous = await getAuth(request);
  await logOut(previous?.session.id);
  return redirect("/me?notice=password-reset", { headers: { "Set-Cookie": outcome.cookie } });
}

export default function ResetPasswordPage() {
  const { t } = useI18n();
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  if (!usable || actionData?.invalidToken) {
    return (
      <div className="page page-narrow">
        <h1>{t("auth.reset.invalidTitle")}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t("auth.reset.invalid")}</p>
        </div>
        <p>
          <Link to="/forgot-password" className="button">
            {t("auth.reset.askAgain")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <h1>{t("auth.reset.title")}</h1>
      <p>{t("auth.reset.intro")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewPasswordFields password={fields.password} confirm={fields.confirmPassword} />
        <p>
          <button type="submit" className="button">
            {t("auth.reset.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}
