import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { certificateAdminAction } from "~/certificates/admin-actions.server";
import { certificatePdfPath } from "~/certificates/certificate-list";
import { listCertificatesForAdmin } from "~/certificates/certificates.server";
import { REISSUED_REASON, reissueSchema, revokeSchema } from "~/certificates/forms";
import { foreignLang, type Locale } from "~/i18n/locales";
import { useI18n } from "~/i18n/react";
import { FormErrors, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { readFormData } from "~/http/form.server";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["certificates"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.admin.title");

const DONE = ["revoked", "reissued"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 200);
  const done = DONE.find((d) => d === params.get("done")) ?? null;
  return { q, done, certificates: await listCertificatesForAdmin(q) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request);
  const outcome = await certificateAdminAction(await readFormData(request), admin.id);
  if (!outcome.ok) return data(outcome, { status: 400 });
  // Back to the list (keeping the search) so a reload does not post again.
  const q = new URL(request.url).searchParams.get("q");
  const search = new URLSearchParams({ ...(q ? { q } : {}), done: outcome.done });
  throw redirect(`/admin/certificates?${search}`);
}

type Row = Awaited<ReturnType<typeof loader>>["certificates"][number];
type ActionResult = Awaited<ReturnType<typeof action>>["data"] | undefined;

export default function CertificatesAdminPage() {
  const { t, tx, locale, formatDate } = useI18n();
  const { q, done, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const foreign = (lang: Locale) => foreignLang(lang, locale);

  return (
    <div className="page stack admin-certificates-page">
      <h1>{t("certificates.admin.title")}</h1>
      <p>{t("certificates.admin.intro")}</p>
      {done ? (
        <p className="alert alert-success" role="status">
          {t(`certificates.admin.done.${done}`)}
        </p>
      ) : null}

      <Form method="get" className="form admin-certificates-search" role="search">
        <div className="field">
          <label htmlFor="certificate-search">{t("certificates.admin.searchLabel")}</label>
          <input id="certificate-search" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("certificates.admin.search")}
          </button>
          {q ? <a href="/admin/certificates">{t("certificates.admin.clear")}</a> : null}
        </p>
      </Form>

      {certificates.length === 0 ? (
        <p>{t("certificates.admin.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-certificates">
            <caption className="visually-hidden">{t("certificates.admin.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certificates.admin.learner")}</th>
                <th scope="col">{t("certificates.admin.course")}</th>
                <th scope="col">{t("certificates.admin.code")}</th>
                <th scope="col">{t("certificates.admin.issued")}</th>
                <th scope="col">{t("certificates.admin.status")}</th>
                <th scope="col">{t("certificates.admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <td>
                    <bdi>{c.learnerName}</bdi>
                    <br />
                    <span className="muted" dir="ltr">
                      {c.email}
                    </span>
                  </td>
                  <td {...foreign(c.locale)}>{c.courseTitle}</td>
                  <td dir="ltr" className="certificate-code">
                    {c.code}
                  </td>
                  <td>{formatDate(c.issuedAt)}</td>
                  <td>
                    <Status certificate={c} />
                  </td>
                  <td>
                    <div className="admin-certificates-actions">
                      <a href={certificatePdfPath(c.id)} download>
                        <span aria-hidden="true">{t("certificates.admin.download")}</span>
                        <span className="visually-hidden">{tx("certificates.admin.downloadLabel", { name: <bdi>{c.learnerName}</bdi> })}</span>
                      </a>
                      {c.status === "valid" ? <RevokeForm id={c.id} actionData={actionData} /> : null}
                      {c.reissued ? null : <ReissueForm id={c.id} actionData={actionData} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Status({ certificate: c }: { certificate: Row }) {
  const { t, formatDate } = useI18n();
  if (c.status === "valid") return <span className="badge badge-success">{t("certificates.admin.valid")}</span>;
  return (
    <>
      <span className="badge badge-warning">{t("certificates.admin.revokedOn", { date: formatDate(c.revokedAt ?? c.issuedAt) })}</span>
      <br />
      <span className="muted" dir="auto">
        {c.revokedReason === REISSUED_REASON
          ? t("certificates.admin.reasonReissued")
          : t("certificates.admin.reason", { reason: c.revokedReason ?? "" })}
      </span>
      {c.reissued ? (
        <>
          <br />
          <span className="muted">{t("certificates.admin.reissuedNote")}</span>
        </>
      ) : null}
    </>
  );
}

function RevokeForm({ id, actionData }: { id: string; actionData: ActionResult }) {
  const { t } = useI18n();
  const formId = `revoke-${id}`;
  const lastResult = actionData && !actionData.ok && actionData.formId === formId ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(revokeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revokeSchema }),
  });
  return (
    <details open={Boolean(lastResult)}>
      <summary>{t("certificates.admin.revokeSummary")}</summary>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="id" value={id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.reason} label={t("certificates.admin.revokeReason")} hint={t("certificates.admin.revokeReasonHint")} dir="auto" />
        <p>
          <button type="submit" className="button button-small button-danger">
            {t("certificates.admin.revoke")}
          </button>
        </p>
      </Form>
    </details>
  );
}

function ReissueForm({ id, actionData }: { id: string; actionData: ActionResult }) {
  const { t } = useI18n();
  const formId = `reissue-${id}`;
  const lastResult = actionData && !actionData.ok && actionData.formId === formId ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(reissueSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reissueSchema }),
  });
  return (
    <details open={Boolean(lastResult)}>
      <summary>{t("certificates.admin.reissueSummary")}</summary>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reissue" />
        <input type="hidden" name="id" value={id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.reason} label={t("certificates.admin.reissueReason")} hint={t("certificates.admin.reissueReasonHint")} dir="auto" />
        <p>
          <button type="submit" className="button button-small button-secondary">
            {t("certificates.admin.reissue")}
          </button>
        </p>
      </Form>
    </details>
  );
}
