import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { useI18n } from "~/i18n/react";
import { getCourse } from "~/catalog/catalog.server";
import { db } from "~/db/client.server";
import { confirmUpload, inspectUpload, uploadLimits, type ImportOutcome, type PackagePreview, type PreviewItem } from "~/scorm/admin-import.server";
import { addPackageLesson, createPackageCourse, listPackageCourses, replaceLessonPackage, type UseOutcome } from "~/scorm/package-courses.server";
import { PackageUse, type UseIntent, type UseResult } from "~/scorm/package-use";
import { problemMessageKey } from "~/scorm/problems";
import { sizeMessage } from "~/scorm/sizes";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { FieldErrors } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import { trainingLinks } from "~/ui/training-links";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["admin", "learning", "scorm"] };

export const links = trainingLinks;
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "scorm.upload.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const courses = (await listPackageCourses()).map(({ slug, title, modules, packages }) => ({ slug, title, modules, packages }));
  return { limits: uploadLimits(), courses };
}

const USE_INTENTS: readonly UseIntent[] = ["create-course", "add-lesson", "replace-package"];
const isUseIntent = (value: unknown): value is UseIntent => USE_INTENTS.includes(value as UseIntent);

type UseStep = { step: "use"; pkg: { sha256: string; title: string } | null; intent: UseIntent; result: UseResult; values: Record<string, string> };

/** A stored package turned into a course, a lesson, or a lesson's new version (app/scorm/package-courses.server.ts). */
async function packageUseAction(form: FormData, intent: UseIntent): Promise<UseStep> {
  const field = (name: string) => form.get(name);
  const sha256 = field("sha256");
  let outcome: UseOutcome;
  if (intent === "create-course") {
    outcome = await createPackageCourse({
      sha256,
      slug: field("slug"),
      title: field("title"),
      packageLanguage: field("packageLanguage"),
      languages: form.getAll("languages"),
      hours: field("hours") ?? undefined,
    });
  } else if (intent === "add-lesson") {
    const [slug, position] = String(field("where") ?? "").split("|");
    outcome = await addPackageLesson({ sha256, slug, position, lessonId: field("lessonId"), title: field("title") });
  } else {
    outcome = await replaceLessonPackage({ sha256, target: field("target") });
  }
  const row = typeof sha256 === "string" ? await db.scormPackage.findUnique({ where: { sha256 }, select: { sha256: true, title: true } }) : null;
  const result: UseResult = outcome.ok
    ? { ...outcome, courseTitle: (await getCourse(outcome.slug))?.definition.title ?? {} }
    : "errors" in outcome
      ? { ok: false, errors: outcome.errors as Record<string, string> }
      : outcome;
  const values = Object.fromEntries(["title", "slug", "packageLanguage", "hours", "where", "lessonId", "target"].map((k) => [k, String(field(k) ?? "")]));
  values.languages = form.getAll("languages").map(String).join(",");
  return { step: "use", pkg: row, intent, result, values };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  let outcome: ImportOutcome | UseStep;
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    outcome = await inspectUpload(request);
  } else {
    const form = await readFormData(request);
    const intent = form.get("intent");
    if (isUseIntent(intent)) outcome = await packageUseAction(form, intent);
    else if (intent === "confirm") outcome = await confirmUpload(form.get("key"), { uploadedById: admin.id });
    else throw new Response("Bad Request", { status: 400 });
  }
  const refused = outcome.step === "refused" || outcome.step === "fileError" || (outcome.step === "use" && !outcome.result.ok);
  return data(outcome, { status: refused ? 400 : 200 });
}

function Items({ items }: { items: PreviewItem[] }) {
  const { t } = useI18n();
  return (
    <ol className="scorm-items">
      {items.map((item, i) => (
        <li key={i}>
          <span dir="auto">{item.title}</span>
          {item.launch ? (
            <>
              {" "}
              <span className="muted">
                ({t(item.scormType === "sco" ? "scorm.preview.sco" : "scorm.preview.asset")}
                {item.visible ? null : `, ${t("scorm.preview.hidden")}`})
              </span>{" "}
              <code dir="ltr">{item.launch}</code>
            </>
          ) : null}
          {item.children.length > 0 ? <Items items={item.children} /> : null}
        </li>
      ))}
    </ol>
  );
}

function Preview({ preview }: { preview: PackagePreview }) {
  const { t, formatNumber } = useI18n();
  const version =
    preview.version === "1.2" ? "SCORM 1.2" : preview.edition ? t("scorm.preview.version2004Edition", { edition: preview.edition }) : "SCORM 2004";
  return (
    <section className="stack" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("scorm.preview.title")}</h2>
      <p>{t("scorm.preview.intro")}</p>
      <dl className="facts">
        <dt>{t("scorm.preview.file")}</dt>
        <dd dir="auto">{preview.fileName}</dd>
        <dt>{t("scorm.preview.packageTitle")}</dt>
        <dd dir="auto">{preview.title}</dd>
        <dt>{t("scorm.preview.version")}</dt>
        <dd>{version}</dd>
        <dt>{t("scorm.preview.files")}</dt>
        <dd>{formatNumber(preview.files)}</dd>
        <dt>{t("scorm.preview.size")}</dt>
        <dd>{t(...sizeMessage(preview.bytes))}</dd>
      </dl>
      {preview.organizations.map((organization, i) => (
        <section key={i} className="stack" aria-labelledby={`organization-${i}`}>
          <h3 id={`organization-${i}`}>
            <span dir="auto">{organization.title}</span>
            {organization.isDefault && preview.organizations.length > 1 ? ` (${t("scorm.preview.default")})` : null}
          </h3>
          <Items items={organization.items} />
        </section>
      ))}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="key" value={preview.key} />
        <p className="actions">
          <button type="submit" className="button">
            {t("scorm.preview.confirm")}
          </button>
          <Link to="/admin/scorm" className="button button-secondary">
            {t("scorm.preview.another")}
          </Link>
        </p>
      </Form>
    </section>
  );
}

export default function ScormImportPage() {
  const { t } = useI18n();
  const { limits, courses } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const fileError = outcome?.step === "fileError" ? outcome.error : null;
  return (
    <div className="page page-reading stack">
      <Breadcrumbs items={[{ label: t("admin.title"), to: "/admin" }, { label: t("scorm.upload.title") }]} />
      <h1>{t("scorm.upload.title")}</h1>
      <p className="lead">{t("scorm.upload.intro")}</p>

      {outcome?.step === "stored" ? (
        <p className="alert alert-success" role="status">
          {t(outcome.alreadyStored ? "scorm.stored.already" : "scorm.stored.done", { title: outcome.title })}
        </p>
      ) : null}

      {outcome?.step === "refused" ? (
        <div className="alert alert-error" role="alert">
          <p>{t("scorm.upload.refused")}</p>
          <ul>
            {outcome.problems.map((p, i) => (
              <li key={i}>{t(problemMessageKey(p.code), p.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {/* One place for both steps: the forms keep what the admin typed when the answer is an error. */}
      {outcome?.step === "stored" || (outcome?.step === "use" && outcome.pkg) ? (
        <PackageUse
          pkg={outcome.step === "stored" ? { sha256: outcome.sha256, title: outcome.title } : outcome.pkg!}
          courses={courses}
          {...(outcome.step === "use" ? { intent: outcome.intent, result: outcome.result, values: outcome.values } : {})}
        />
      ) : null}
      {outcome?.step === "use" && !outcome.pkg ? (
        <p className="alert alert-error" role="alert">
          {t("scorm.use.errors.package")}
        </p>
      ) : null}

      {outcome?.step === "preview" ? (
        <Preview preview={outcome.preview} />
      ) : (
        <section className="stack" aria-labelledby="upload-title">
          <h2 id="upload-title">{t("scorm.upload.formTitle")}</h2>
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="scorm-file">{t("scorm.upload.file")}</label>
              <p id="scorm-file-hint" className="field-hint">
                {t("scorm.upload.fileHint", limits)}
              </p>
              <input
                id="scorm-file"
                name="file"
                type="file"
                accept=".zip,application/zip"
                required
                aria-invalid={fileError ? true : undefined}
                aria-describedby={fileError ? "scorm-file-hint scorm-file-error" : "scorm-file-hint"}
              />
              <FieldErrors id="scorm-file-error" errors={fileError ? [fileError] : undefined} params={limits} />
            </div>
            <p className="actions">
              <button type="submit" className="button">
                {t("scorm.upload.submit")}
              </button>
            </p>
            <p className="field-hint">{t("scorm.upload.nothingYet")}</p>
          </Form>
        </section>
      )}
    </div>
  );
}
