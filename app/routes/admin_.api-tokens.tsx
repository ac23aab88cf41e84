import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { apiTokensAction, apiTokensPage } from "~/api/token-admin.server";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["api"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "api.tokens.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return apiTokensPage();
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const result = await apiTokensAction(await readFormData(request), admin.id);
  // The new token travels in this answer only: never in a redirect, a loader or the database.
  return data(result, { status: result.ok ? 200 : 400, headers: { "Cache-Control": "private, no-store" } });
}

export default function ApiTokensPage() {
  const { t, tx, formatDate } = useI18n();
  const { tokens, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : { organisationId: "", name: "" };
  const fieldError = (name: string) =>
    errors[name]?.[0] ? (
      <p id={`token-${name}-error`} className="field-error">
        {t(errors[name][0])}
      </p>
    ) : null;

  return (
    <div className="page stack">
      <h1>{t("api.tokens.title")}</h1>
      <p className="lead">{t("api.tokens.intro")}</p>

      {result?.ok && result.done === "created" ? (
        <div className="alert alert-success stack" role="status">
          <p>{tx("api.tokens.created", { name: <bdi>{result.name}</bdi> })}</p>
          <label htmlFor="new-token">{t("api.tokens.tokenLabel")}</label>
          <input id="new-token" readOnly value={result.token} dir="ltr" className="token-value" />
        </div>
      ) : null}
      {result?.ok && result.done === "revoked" ? (
        <p className="alert alert-success" role="status">
          {t("api.tokens.revoked")}
        </p>
      ) : null}
      {errors.form ? (
        <p className="alert alert-error" role="alert">
          {t(errors.form[0])}
        </p>
      ) : null}

      <Form method="post" className="form" aria-labelledby="create-token">
        <h2 id="create-token">{t("api.tokens.createHeading")}</h2>
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="token-organisationId">{t("api.tokens.organisation")}</label>
          <select
            id="token-organisationId"
            name="organisationId"
            defaultValue={values.organisationId}
            required
            aria-invalid={errors.organisationId ? true : undefined}
            aria-describedby={errors.organisationId ? "token-organisationId-error" : undefined}
          >
            <option value="">—</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {fieldError("organisationId")}
        </div>
        <div className="field">
          <label htmlFor="token-name">{t("api.tokens.name")}</label>
          <input
            id="token-name"
            name="name"
            defaultValue={values.name}
            required
            maxLength={100}
            dir="auto"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "token-name-error" : undefined}
          />
          {fieldError("name")}
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("api.tokens.create")}
          </button>
        </p>
      </Form>

      <section aria-labelledby="token-list" className="stack">
        <h2 id="token-list">{t("api.tokens.listHeading")}</h2>
        {tokens.length === 0 ? (
          <p>{t("api.tokens.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("api.tokens.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("api.tokens.name")}</th>
                  <th scope="col">{t("api.tokens.organisation")}</th>
                  <th scope="col">{t("api.tokens.prefix")}</th>
                  <th scope="col">{t("api.tokens.createdAt")}</th>
                  <th scope="col">{t("api.tokens.lastUsed")}</th>
                  <th scope="col">{t("api.tokens.status")}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row" dir="auto">
                      {token.name}
                    </th>
                    <td dir="auto">{token.organisation}</td>
                    <td>
                      <code dir="ltr">{token.prefix}…</code>
                    </td>
                    <td>{formatDate(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t("api.tokens.never")}</td>
                    <td>
                      {token.revokedAt ? (
                        t("api.tokens.revokedOn", { date: formatDate(token.revokedAt) })
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={token.id} />
                          <button type="submit" className="button button-small button-danger">
                            {tx("api.tokens.revoke", { name: <bdi>{token.name}</bdi> })}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
