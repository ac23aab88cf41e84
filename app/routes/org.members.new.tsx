import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { retryAfterSeconds, retryWhen } from "~/auth/retry-after";
import { readFormData } from "~/http/form.server";
import { useI18n } from "~/i18n/react";
import { inviteSchema } from "~/organisations/forms";
import { requireOrgManager } from "~/organisations/guards.server";
import { inviteToOrganisation } from "~/organisations/invitations.server";
import { OrgHeader } from "~/organisations/org-nav";
import { FormErrors, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["organisations"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.invite.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireOrgManager(request);
  return { organisation: { name: organisation.name } };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organisation } = await requireOrgManager(request);
  const submission = parseWithZod(await readFormData(request), { schema: inviteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), retryAfterSeconds: 0 }, { status: 400 });
  const outcome = await inviteToOrganisation(organisation, user, submission.value.email);
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: ["organisations.errors.tooManyInvitations"] }), retryAfterSeconds: retryAfterSeconds(outcome.retryAfterMs) },
      { status: 429 },
    );
  }
  // The same answer whether or not the address has an account.
  throw redirect("/org/members/new?done=sent");
}

export default function InvitePage() {
  const { t, locale } = useI18n();
  const { organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result,
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <div className="page stack">
      <h1>{t("organisations.invite.title")}</h1>
      <OrgHeader organisation={organisation} />
      <div className="page-narrow stack">
        <p>{t("organisations.invite.intro")}</p>
        <p>{t("organisations.invite.noAccount")}</p>
        {params.get("done") === "sent" ? (
          <p className="alert alert-success" role="status">
            {t("organisations.invite.sent")}
          </p>
        ) : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} params={{ when: retryWhen(locale, actionData?.retryAfterSeconds || 1) }} />
          <TextField field={fields.email} type="email" label={t("organisations.invite.email")} autoComplete="off" dir="ltr" />
          <p>
            <button type="submit" className="button">
              {t("organisations.invite.submit")}
            </button>
          </p>
        </Form>
      </div>
    </div>
  );
}
