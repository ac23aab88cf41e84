import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { organisationSchema } from "./forms";
import { ORGANISATION_TYPES } from "./types";

type Values = { name: string; type: string; regionId: string; city: string };

/** Create and edit share one form: name, type, region, city. */
export function OrganisationForm({
  lastResult,
  defaultValue,
  regions,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Values;
  regions: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: "organisation",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(organisationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organisationSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("organisations.fields.name")} dir="auto" />
      <SelectField
        field={fields.type}
        label={t("organisations.fields.type")}
        options={[{ value: "", label: t("organisations.form.chooseType") }, ...ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`organisations.type.${type}`) }))]}
      />
      <SelectField
        field={fields.regionId}
        label={t("organisations.fields.region")}
        options={[{ value: "", label: t("organisations.form.noRegion") }, ...regions.map((r) => ({ value: r.id, label: r.name }))]}
      />
      <TextField field={fields.city} label={t("organisations.fields.city")} dir="auto" />
      <p>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </p>
    </Form>
  );
}
