import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/react";
import { FormErrors, TextField } from "~/ui/fields";
import { cohortSchema, dayOf } from "./cohort-form";

/** The cohort form: name, first and last day, capacity. */
export function CohortEditor({
  cohort,
  lastResult,
}: {
  cohort: { name: string; startsAt: string | null; endsAt: string | null; capacity: number | null } | null;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: "cohort",
    lastResult,
    defaultValue: cohort
      ? { name: cohort.name, startsOn: dayOf(cohort.startsAt), endsOn: dayOf(cohort.endsAt), capacity: cohort.capacity === null ? undefined : String(cohort.capacity) }
      : undefined,
    constraint: getZodConstraint(cohortSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("cohorts.form.name")} hint={t("cohorts.form.nameHint")} dir="auto" />
      <TextField field={fields.startsOn} type="date" label={t("cohorts.form.startsOn")} />
      <TextField field={fields.endsOn} type="date" label={t("cohorts.form.endsOn")} hint={t("cohorts.form.endsOnHint")} />
      <TextField field={fields.capacity} type="number" label={t("cohorts.form.capacity")} hint={t("cohorts.form.capacityHint")} />
      <p className="actions">
        <button type="submit" className="button">
          {cohort ? t("cohorts.form.save") : t("cohorts.form.create")}
        </button>
      </p>
    </Form>
  );
}

/** The invite link to hand out: selectable without JavaScript, copied with one tap with it. */
export function InviteLink({ code, url }: { code: string; url: string }) {
  const { t } = useI18n();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  // The copy button needs the Clipboard API: shown once the page runs JavaScript and the browser offers it.
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <div className="stack invite-link">
      <p>
        {t("cohorts.invite.code")} <strong className="certificate-code" dir="ltr">{code}</strong>
      </p>
      <div className="field">
        <label htmlFor="invite-link">{t("cohorts.invite.link")}</label>
        <input id="invite-link" type="text" readOnly value={url} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
        <p className="field-hint">{t("cohorts.invite.hint")}</p>
      </div>
      {canCopy ? (
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false))}
          >
            {t("cohorts.invite.copy")}
          </button>
          <span role="status">{copied ? t("cohorts.invite.copied") : ""}</span>
        </p>
      ) : null}
    </div>
  );
}
