import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { countryName } from "~/people/countries";
import { ownDeletionSchema } from "~/people/deletion-forms";
import { openDeletionRequest, requestDeletion, withdrawDeletionRequest } from "~/people/deletion.server";
import { PersonalDataView } from "~/people/personal-data-view";
import { personalData } from "~/people/personal-data.server";
import { pageTitle } from "~/ui/page-title";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "courses", "organisations", "people", "tracking"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.data.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = detectLocale(request, user.locale);
  const [held, open] = await Promise.all([personalData(user.id, locale), openDeletionRequest(user.id)]);
  return {
    held,
    nationality: held.profile?.nationality ? countryName(held.profile.nationality, locale) : null,
    openRequest: open ? { requestedAt: open.requestedAt.toISOString() } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ownDeletionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data({ error: "people.data.errors.unknownAction" }, { status: 400 });
  if (parsed.data.intent === "request") {
    await requestDeletion(user.id);
    throw redirect("/me/data?done=requested#deletion");
  }
  await withdrawDeletionRequest(user.id);
  throw redirect("/me/data?done=withdrawn#deletion");
}

export default function MyDataPage() {
  const { t, formatDate } = useI18n();
  const { held, nationality, openRequest } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="page page-reading stack">
      <h1>{t("people.data.title")}</h1>
      <p className="lead">{t("people.data.intro")}</p>
      <p>
        <a href="/me/data.json" className="button" download>
          {t("people.data.download")}
        </a>
      </p>
      <p className="muted">{t("people.data.downloadHint")}</p>

      <PersonalDataView held={held} nationality={nationality} />

      <section id="deletion" aria-labelledby="deletion-title" className="danger-zone stack">
        <h2 id="deletion-title">{t("people.data.deletion.title")}</h2>
        {done === "requested" || done === "withdrawn" ? (
          <p className="alert alert-success" role="status">
            {t(`people.data.deletion.done.${done}`)}
          </p>
        ) : null}
        <p>{t("people.data.deletion.erased")}</p>
        <p>{t("people.data.deletion.kept")}</p>
        {openRequest ? (
          <>
            <p>
              <strong>{t("people.data.deletion.pending", { date: formatDate(openRequest.requestedAt) })}</strong>
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button button-secondary">
                {t("people.data.deletion.withdraw")}
              </button>
            </Form>
          </>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="request" />
            <button type="submit" className="button button-danger">
              {t("people.data.deletion.request")}
            </button>
          </Form>
        )}
        <p>
          <Link to="/privacy">{t("people.data.privacyLink")}</Link>
        </p>
      </section>
    </div>
  );
}
