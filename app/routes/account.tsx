import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { changePassword, updateProfile } from "~/auth/accounts.server";
import { changePasswordSchema, profileSchema } from "~/auth/forms";
import { requireUser } from "~/auth/guards.server";
import { NewPasswordFields } from "~/auth/new-password-fields";
import { retryAfterSeconds, retryWhen } from "~/auth/retry-after";
import { env } from "~/config/env.server";
import { appUrl } from "~/http/app-url.server";
import { localeCookie } from "~/i18n/detect.server";
import { LOCALE_NAMES, LOCALES } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth", "people"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, locale: user.locale };
}

const passwordHidden = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "profile") {
    const submission = parseWithZod(formData, { schema: profileSchema });
    if (submission.status !== "success") {
      return data({ intent: "profile", result: submission.reply(), retryAfterSeconds: 0 }, { status: 400 });
    }
    const locale = await updateProfile(user.id, submission.value);
    return redirect("/account?notice=profile-saved", {
      headers: { "Set-Cookie": localeCookie(locale, env.NODE_ENV === "production") },
    });
  }
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  if (submission.status !== "success") {
    return data(
      { intent: "password", result: submission.reply({ hideFields: passwordHidden }), retryAfterSeconds: 0 },
      { status: 400 }
    );
  }
  const outcome = await changePassword(user.id, submission.value, appUrl("/forgot-password"));
  if (!outcome.ok) {
    const limited = !("field" in outcome);
    const result = limited
      ? submission.reply({ formErrors: ["auth.errors.tooManyAttempts"], hideFields: passwordHidden })
      : submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] }, hideFields: passwordHidden });
    return data(
      { intent: "password", result, retryAfterSeconds: limited ? retryAfterSeconds(outcome.retryAfterMs) : 0 },
      { status: limited ? 429 : 400 }
    );
  }
  return redirect("/account?notice=password-changed", { headers: { "Set-Cookie": outcome.cookie } });
}

export default function AccountPage() {
  const { t, locale } = useI18n();
  const user = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    constraint: getZodConstraint(profileSchema),
    defaultValue: { name: user.name, locale: user.locale },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "change-password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <div className="page page-narrow">
      <h1>{t("auth.account.title")}</h1>

      <section aria-labelledby="profile-title" className="stack">
        <h2 id="profile-title">{t("auth.account.profileTitle")}</h2>
        <dl className="facts">
          <dt>{t("auth.account.emailLabel")}</dt>
          <dd dir="ltr">{user.email}</dd>
        </dl>
        <Form method="post" action="/account" className="form" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <FormErrors id={profileForm.errorId} errors={profileForm.errors} />
          <TextField field={profileFields.name} label={t("auth.fields.name")} autoComplete="name" dir="auto" />
          <SelectField
            field={profileFields.locale}
            label={t("auth.fields.locale")}
            options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
          />
          <p>
            <button type="submit" className="button">
              {t("auth.account.profileSubmit")}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="stack">
        <h2 id="password-title">{t("auth.account.passwordTitle")}</h2>
        <p>{t("auth.account.passwordIntro")}</p>
        <Form method="post" action="/account" className="form" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <FormErrors
            id={passwordForm.errorId}
            errors={passwordForm.errors}
            params={{ when: retryWhen(locale, actionData?.retryAfterSeconds || 1) }}
          />
          <TextField
            field={passwordFields.currentPassword}
            type="password"
            label={t("auth.fields.currentPassword")}
            autoComplete="current-password"
          />
          <NewPasswordFields password={passwordFields.newPassword} confirm={passwordFields.confirmPassword} />
          <p>
            <button type="submit" className="button">
              {t("auth.account.passwordSubmit")}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="people-links-title" className="stack">
        <h2 id="people-links-title">{t("people.account.title")}</h2>
        <ul className="plain-list">
          <li>
            <Link to="/account/profile">{t("people.account.profile")}</Link>
            <br />
            <span className="muted">{t("people.account.profileHint")}</span>
          </li>
          <li>
            <Link to="/me/data">{t("people.account.data")}</Link>
            <br />
            <span className="muted">{t("people.account.dataHint")}</span>
          </li>
        </ul>
      </section>

      <p>
        <Link to="/privacy">{t("auth.account.privacyLink")}</Link>
      </p>
    </div>
  );
}
