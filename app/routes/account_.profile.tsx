import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { readFormData } from "~/http/form.server";
import { detectLocale } from "~/i18n/detect.server";
import { useI18n } from "~/i18n/react";
import { AGE_BANDS, EARLIEST_BIRTH_YEAR, PROFESSIONS, SEXES } from "~/people/facts";
import { profileFactsSchema, YOUNGEST_AGE } from "~/people/profile-form";
import { profilePage, saveProfile } from "~/people/profile.server";
import { Breadcrumbs } from "~/ui/breadcrumbs";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { pageTitle } from "~/ui/page-title";
import peopleCss from "~/styles/people.css?url";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["auth", "learning", "people"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const join = new URL(request.url).searchParams.get("join")?.slice(0, 64) ?? null;
  return profilePage(user.id, detectLocale(request, user.locale), join);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readFormData(request), { schema: profileFactsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await saveProfile(user.id, submission.value);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.fieldErrors }), { status: 400 });
  throw redirect("/account/profile?notice=profile-saved");
}

export default function ProfilePage() {
  const { t, tx } = useI18n();
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const welcome = params.get("notice") === "welcome";
  return (
    <div className="page page-narrow stack">
      <Breadcrumbs items={[{ label: t("auth.account.title"), to: "/account" }, { label: t("people.profile.title") }]} />
      <h1>{t("people.profile.title")}</h1>
      {welcome ? (
        <div className="alert alert-info stack">
          <p>{t("people.profile.welcome")}</p>
          <p>
            <Link to="/courses">{t("people.profile.later")}</Link>
          </p>
        </div>
      ) : null}
      <div className="profile-intro stack">
        <p>{t("people.profile.intro")}</p>
        <p>{t("people.profile.introWho")}</p>
        <p>
          <Link to="/privacy">{t("people.profile.privacyLink")}</Link>
        </p>
      </div>
      {page.invitedTo ? (
        <p className="alert alert-info" role="status">
          {tx("people.profile.invited", { organisation: <bdi>{page.invitedTo.name}</bdi> })}
        </p>
      ) : null}
      {/* A save starts the form again from what was stored: a birth year's age band shows at once. */}
      <ProfileForm key={page.savedAt ?? "new"} page={page} />
    </div>
  );
}

function ProfileForm({ page }: { page: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t } = useI18n();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "profile-facts",
    lastResult,
    defaultValue: page.values,
    constraint: getZodConstraint(profileFactsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileFactsSchema }),
  });
  // Each item says why it is asked, then who sees it.
  const hint = (why: string) => `${t(why)} ${t("people.profile.whoSees")}`;
  const notSaid = { value: "", label: t("people.profile.notSaid") };
  const yearNow = new Date().getUTCFullYear();

  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.sex}
        label={t("people.facts.sex.label")}
        hint={hint("people.profile.why.sex")}
        options={[notSaid, ...SEXES.map((v) => ({ value: v, label: t(`people.facts.sex.${v}`) }))]}
      />
      <fieldset className="stack">
        <legend>{t("people.profile.ageLegend")}</legend>
        <p className="field-hint">{hint("people.profile.why.age")}</p>
        <SelectField
          field={fields.ageBand}
          label={t("people.facts.ageBand.label")}
          options={[notSaid, ...AGE_BANDS.map((v) => ({ value: v, label: t(`people.facts.ageBand.${v}`) }))]}
        />
        <TextField
          field={fields.birthYear}
          type="number"
          inputMode="numeric"
          label={t("people.facts.birthYear")}
          hint={t("people.profile.birthYearHint", { first: String(EARLIEST_BIRTH_YEAR), last: String(yearNow - YOUNGEST_AGE) })}
          autoComplete="bday-year"
          dir="ltr"
        />
      </fieldset>
      <SelectField
        field={fields.profession}
        label={t("people.facts.profession.label")}
        hint={hint("people.profile.why.profession")}
        options={[notSaid, ...PROFESSIONS.map((v) => ({ value: v, label: t(`people.facts.profession.${v}`) }))]}
      />
      <SelectField
        field={fields.organisationId}
        label={t("people.facts.organisation")}
        hint={`${hint("people.profile.why.organisation")} ${t(page.membership?.role === "manager" ? "people.profile.organisationManager" : "people.profile.organisationChange")}`}
        options={[{ value: "", label: t("people.profile.noOrganisation") }, ...page.organisations.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <fieldset className="stack">
        <legend>{t("people.profile.placeLegend")}</legend>
        <p className="field-hint">{hint("people.profile.why.place")}</p>
        <SelectField
          field={fields.regionId}
          label={t("people.facts.region")}
          options={[notSaid, ...page.regions.map((r) => ({ value: r.id, label: r.name }))]}
        />
        <TextField field={fields.city} label={t("people.facts.city")} autoComplete="address-level2" dir="auto" />
      </fieldset>
      <SelectField
        field={fields.nationality}
        label={t("people.facts.nationality")}
        hint={hint("people.profile.why.nationality")}
        options={[notSaid, ...page.countries.map((c) => ({ value: c.code, label: c.name }))]}
      />
      <p>
        <button type="submit" className="button">
          {t("people.profile.submit")}
        </button>
      </p>
    </Form>
  );
}
