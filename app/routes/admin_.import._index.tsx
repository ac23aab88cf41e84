import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { COLUMNS } from "~/import/columns";
import { importFormPage, uploadImport } from "~/import/pages.server";
import { UploadForm } from "~/import/upload-form";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "import", "learning"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "import.upload.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const target = new URL(request.url).searchParams;
  const values = {
    target: (["cohort", "session"].includes(target.get("target") ?? "") ? target.get("target") : "people") as "people" | "cohort" | "session",
    cohortId: target.get("cohortId") ?? "",
    sessionId: target.get("sessionId") ?? "",
  };
  return { choices: await importFormPage(detectLocale(request, user.locale)), values };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const outcome = await uploadImport(request, admin.id);
  if (!outcome.ok) return data(outcome, { status: 400 });
  throw redirect(`/admin/import/${outcome.key}`);
}

export default function ImportPage() {
  const { t } = useI18n();
  const { choices, values } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const refused = outcome && !outcome.ok ? outcome : null;
  return (
    <div className="page page-reading stack">
      <Breadcrumbs items={[{ label: t("admin.title"), to: "/admin" }, { label: t("import.upload.title") }]} />
      <h1>{t("import.upload.title")}</h1>
      <p className="lead">{t("import.upload.intro")}</p>
      {refused ? (
        <p className="alert alert-error" role="alert">
          {t("import.upload.refused")}
        </p>
      ) : null}
      <section className="stack" aria-labelledby="template-title">
        <h2 id="template-title">{t("import.template.title")}</h2>
        <p>{t("import.template.intro")}</p>
        <p>
          <a href="/admin/import/template" className="button button-secondary" download>
            {t("import.template.download")}
          </a>
        </p>
        <details>
          <summary>{t("import.columns.summary")}</summary>
          <dl className="facts import-columns">
            {COLUMNS.map((column) => (
              <div key={column}>
                <dt dir="ltr">{column}</dt>
                <dd>{t(`import.columns.${column}`)}</dd>
              </div>
            ))}
          </dl>
          <p className="field-hint">{t("import.columns.more")}</p>
        </details>
      </section>
      <section className="stack" aria-labelledby="upload-title">
        <h2 id="upload-title">{t("import.upload.formTitle")}</h2>
        <UploadForm choices={choices} values={refused?.values ?? values} errors={refused?.errors} />
      </section>
    </div>
  );
}
