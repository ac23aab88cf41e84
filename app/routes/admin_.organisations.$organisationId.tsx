import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { addMemberSchema } from "~/organisations/forms";
import { organisationMemberAction, organisationPage } from "~/organisations/organisation-page.server";
import { getOrganisation } from "~/organisations/organisations.server";
import { MEMBERSHIP_ROLES } from "~/organisations/types";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { FieldErrors, FormErrors } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "learning", "organisations"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "organisations.page.title");

const DONE = ["created", "saved", "added", "moved", "already", "role", "ended"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request);
  const url = new URL(request.url);
  const page = await organisationPage(params.organisationId ?? "", detectLocale(request, user.locale), Number(url.searchParams.get("page") ?? "1") || 1);
  if (!page) throw new Response("Not Found", { status: 404 });
  return { ...page, done: DONE.find((d) => d === url.searchParams.get("done")) ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request);
  const id = params.organisationId ?? "";
  if (!(await getOrganisation(id))) throw new Response("Not Found", { status: 404 });
  const outcome = await organisationMemberAction(id, await readFormData(request));
  if (!outcome.ok) return data(outcome, { status: 400 });
  // Back to the page so a reload does not post again.
  throw redirect(`/admin/organisations/${id}?done=${outcome.done}`);
}

export default function OrganisationAdminPage() {
  const { t, tx, formatDate } = useI18n();
  const { organisation, members, total, page, pages, history, done } = useLoaderData<typeof loader>();
  const date = (iso: string) => formatDate(iso, { dateStyle: "medium" });
  return (
    <div className="page stack">
      <Breadcrumbs items={[{ label: t("common.nav.admin"), to: "/admin" }, { label: t("organisations.admin.title"), to: "/admin/organisations" }, { label: organisation.name }]} />
      <h1>
        <bdi>{organisation.name}</bdi>
      </h1>
      {done ? (
        <p className="alert alert-success" role="status">
          {t(`organisations.page.done.${done}`)}
        </p>
      ) : null}
      <dl className="facts facts-wrap">
        <dt>{t("organisations.fields.type")}</dt>
        <dd>{t(`organisations.type.${organisation.type}`)}</dd>
        <dt>{t("organisations.fields.region")}</dt>
        <dd>{organisation.region ?? "—"}</dd>
        <dt>{t("organisations.fields.city")}</dt>
        <dd>
          <bdi>{organisation.city ?? "—"}</bdi>
        </dd>
      </dl>
      <p>
        <Link to={`/admin/organisations/${organisation.id}/edit`}>{t("organisations.page.edit")}</Link>
      </p>

      <AddMemberForm />

      <section className="stack" aria-labelledby="members-title">
        <h2 id="members-title">{t("organisations.page.membersTitle")}</h2>
        <p>{t("organisations.page.membersCount", { count: total })}</p>
        {members.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("organisations.page.membersTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.page.person")}</th>
                  <th scope="col">{t("organisations.fields.role")}</th>
                  <th scope="col">{t("organisations.page.since")}</th>
                  <th scope="col">{t("organisations.page.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.membershipId}>
                    <td>
                      <bdi>{m.name}</bdi>
                      {m.email ? (
                        <>
                          <br />
                          <span className="muted" dir="ltr">
                            {m.email}
                          </span>
                        </>
                      ) : null}
                      {m.phone ? (
                        <>
                          <br />
                          <span className="muted" dir="ltr">
                            {m.phone}
                          </span>
                        </>
                      ) : null}
                      {m.earlier.length ? (
                        <ul className="member-earlier" aria-label={t("organisations.page.earlierLabel")}>
                          {m.earlier.map((e) => (
                            <li key={`${e.organisationId}-${e.startedAt}`}>
                              {tx("organisations.page.earlier", {
                                organisation: (
                                  <Link to={`/admin/organisations/${e.organisationId}`}>
                                    <bdi>{e.organisation}</bdi>
                                  </Link>
                                ),
                                from: date(e.startedAt),
                                to: date(e.endedAt),
                              })}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td>{t(`organisations.role.${m.role}`)}</td>
                    <td>{date(m.since)}</td>
                    <td>
                      <div className="row-forms">
                        <Form method="post">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="membershipId" value={m.membershipId} />
                          <input type="hidden" name="role" value={m.role === "manager" ? "member" : "manager"} />
                          <button type="submit" className="button button-small button-secondary">
                            {m.role === "manager" ? t("organisations.page.makeMember") : t("organisations.page.makeManager")}
                            <span className="visually-hidden"> {tx("organisations.page.who", { name: <bdi>{m.name}</bdi> })}</span>
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="end" />
                          <input type="hidden" name="membershipId" value={m.membershipId} />
                          <button type="submit" className="button button-small button-secondary">
                            {t("organisations.page.end")}
                            <span className="visually-hidden"> {tx("organisations.page.who", { name: <bdi>{m.name}</bdi> })}</span>
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("organisations.page.noMembers")}</p>
        )}
        <Pagination page={page} pages={pages} />
      </section>

      <section className="stack" aria-labelledby="history-title">
        <h2 id="history-title">{t("organisations.page.historyTitle")}</h2>
        <p>{t("organisations.page.historyIntro")}</p>
        {history.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("organisations.page.historyTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.page.person")}</th>
                  <th scope="col">{t("organisations.fields.role")}</th>
                  <th scope="col">{t("organisations.page.from")}</th>
                  <th scope="col">{t("organisations.page.to")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <bdi>{h.name}</bdi>
                    </td>
                    <td>{t(`organisations.role.${h.role}`)}</td>
                    <td>{date(h.startedAt)}</td>
                    <td>{date(h.endedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("organisations.page.noHistory")}</p>
        )}
        <p className="muted">{t("organisations.page.created", { date: date(organisation.createdAt) })}</p>
      </section>
    </div>
  );
}

function AddMemberForm() {
  const { t } = useI18n();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !actionData.ok && actionData.formId === "add-member" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "add-member",
    lastResult,
    defaultValue: { role: "member" },
    constraint: getZodConstraint(addMemberSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMemberSchema }),
  });
  const { key: contactKey, ...contactProps } = getInputProps(fields.contact, { type: "text", ariaDescribedBy: `${fields.contact.id}-hint` });
  const { key: roleKey, ...roleProps } = getSelectProps(fields.role);
  return (
    <section className="stack" aria-labelledby="add-member-title">
      <h2 id="add-member-title">{t("organisations.page.addTitle")}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.contact.id}>{t("organisations.page.contact")}</label>
          <p id={`${fields.contact.id}-hint`} className="field-hint">
            {t("organisations.page.contactHint")}
          </p>
          <input key={contactKey} {...contactProps} autoComplete="off" dir="ltr" />
          <FieldErrors id={fields.contact.errorId} errors={fields.contact.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.role.id}>{t("organisations.fields.role")}</label>
          <select key={roleKey} {...roleProps}>
            {MEMBERSHIP_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`organisations.role.${role}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        <p>
          <button type="submit" className="button">
            {t("organisations.page.add")}
          </button>
        </p>
      </Form>
    </section>
  );
}
