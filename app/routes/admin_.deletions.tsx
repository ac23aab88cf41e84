import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { useI18n } from "~/i18n/react";
import { deletionAdminAction } from "~/people/deletion-admin.server";
import { confirmDeletionSchema } from "~/people/deletion-forms";
import { listDeletionRequests } from "~/people/deletion.server";
import { FieldErrors, FormErrors } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["people"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.deletions.title");

const DONE = ["confirmed", "cancelled"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request);
  const done = DONE.find((d) => d === new URL(request.url).searchParams.get("done")) ?? null;
  const { open, decided } = await listDeletionRequests();
  const row = (r: (typeof open)[number]) => ({
    id: r.id,
    status: r.status,
    name: r.user.name,
    email: r.user.email,
    phone: r.user.phone,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy?.name ?? null,
  });
  return { done, open: open.map(row), decided: decided.map(row) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request);
  const outcome = await deletionAdminAction(await readFormData(request), admin.id);
  if (!outcome.ok) return data(outcome, { status: 400 });
  throw redirect(`/admin/deletions?done=${outcome.done}`);
}

const KEPT = ["counts", "certificates", "scores"] as const;
const ERASED = ["identity", "login", "profile", "work", "answers"] as const;

export default function DeletionsAdminPage() {
  const { t, tx, formatDate } = useI18n();
  const { done, open, decided } = useLoaderData<typeof loader>();
  const date = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: "medium" }) : "—");
  return (
    <div className="page stack">
      <h1>{t("people.deletions.title")}</h1>
      <p>{t("people.deletions.intro")}</p>
      {done ? (
        <p className="alert alert-success" role="status">
          {t(`people.deletions.done.${done}`)}
        </p>
      ) : null}
      <details>
        <summary>{t("people.deletions.whatTitle")}</summary>
        <p>{t("people.deletions.erasedTitle")}</p>
        <ul>
          {ERASED.map((k) => (
            <li key={k}>{t(`people.deletions.erased.${k}`)}</li>
          ))}
        </ul>
        <p>{t("people.deletions.keptTitle")}</p>
        <ul>
          {KEPT.map((k) => (
            <li key={k}>{t(`people.deletions.kept.${k}`)}</li>
          ))}
        </ul>
      </details>

      <section className="stack" aria-labelledby="open-title">
        <h2 id="open-title">{t("people.deletions.openTitle")}</h2>
        {open.length ? (
          <ul className="data-list">
            {open.map((r) => (
              <li key={r.id} className="stack">
                <h3>
                  <bdi>{r.name}</bdi>
                </h3>
                <dl className="facts facts-wrap">
                  <dt>{t("people.data.account.email")}</dt>
                  <dd dir="ltr">{r.email ?? "—"}</dd>
                  <dt>{t("people.data.account.phone")}</dt>
                  <dd dir="ltr">{r.phone ?? "—"}</dd>
                  <dt>{t("people.deletions.requestedAt")}</dt>
                  <dd>{date(r.requestedAt)}</dd>
                </dl>
                <div className="row-forms">
                  <ConfirmForm id={r.id} name={r.name} />
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" className="button button-secondary">
                      {t("people.deletions.cancel")}
                      <span className="visually-hidden"> {tx("people.deletions.who", { name: <bdi>{r.name}</bdi> })}</span>
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("people.deletions.noneOpen")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="decided-title">
        <h2 id="decided-title">{t("people.deletions.decidedTitle")}</h2>
        {decided.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("people.deletions.decidedTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.deletions.person")}</th>
                  <th scope="col">{t("people.deletions.status")}</th>
                  <th scope="col">{t("people.deletions.requestedAt")}</th>
                  <th scope="col">{t("people.deletions.decidedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <bdi>{r.name}</bdi>
                    </td>
                    <td>
                      {t(`people.deletions.statuses.${r.status}`)}
                      {r.decidedBy ? (
                        <>
                          <br />
                          <span className="muted">{tx("people.deletions.by", { name: <bdi>{r.decidedBy}</bdi> })}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{date(r.requestedAt)}</td>
                    <td>{date(r.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("people.deletions.noneDecided")}</p>
        )}
      </section>
    </div>
  );
}

function ConfirmForm({ id, name }: { id: string; name: string }) {
  const { t, tx } = useI18n();
  const actionData = useActionData<typeof action>();
  const formId = `confirm-${id}`;
  const lastResult = actionData && !actionData.ok && actionData.formId === formId ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(confirmDeletionSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: confirmDeletionSchema }),
  });
  const { key, ...checkbox } = getInputProps(fields.understood, { type: "checkbox" });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="id" value={id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field">
        <div className="checkbox">
          <input key={key} {...checkbox} />
          <label htmlFor={fields.understood.id}>{tx("people.deletions.understood", { name: <bdi>{name}</bdi> })}</label>
        </div>
        <FieldErrors id={fields.understood.errorId} errors={fields.understood.errors} />
      </div>
      <p>
        <button type="submit" className="button button-danger">
          {t("people.deletions.confirm")}
          <span className="visually-hidden"> {tx("people.deletions.who", { name: <bdi>{name}</bdi> })}</span>
        </button>
      </p>
    </Form>
  );
}
