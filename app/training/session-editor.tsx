import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { FieldErrors, FormErrors, SelectField, TextField } from "~/ui/fields";
import { MODALITIES, sessionSchema } from "./session-form";

type Option = { value: string; label: string; lang?: string };
type SessionDefaults = Partial<Record<"title" | "courseId" | "theme" | "modality" | "startsAt" | "endsAt" | "regionId" | "city" | "place" | "organiserId" | "trainers", string>>;

/** The training session form: what, how, when, where, by whom. */
export function SessionEditor({
  session,
  courses,
  regions,
  organisations,
  lastResult,
}: {
  session: SessionDefaults | null;
  courses: Option[];
  regions: Option[];
  organisations: Option[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: "session",
    lastResult,
    defaultValue: session ?? { modality: "in_person" },
    constraint: getZodConstraint(sessionSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
  });
  const none = (label: string): Option => ({ value: "", label });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.title} label={t("sessions.form.title")} dir="auto" />
      <fieldset className="stack">
        <legend>{t("sessions.form.subject")}</legend>
        <SelectField field={fields.courseId} label={t("sessions.form.course")} options={[none(t("sessions.form.noCourse")), ...courses]} />
        <TextField field={fields.theme} label={t("sessions.form.theme")} hint={t("sessions.form.themeHint")} dir="auto" />
      </fieldset>
      <fieldset className="radio-group" aria-describedby={fields.modality.errors ? fields.modality.errorId : undefined}>
        <legend>{t("sessions.form.modality")}</legend>
        {MODALITIES.map((m) => {
          const { key, ...props } = getInputProps(fields.modality, { type: "radio", value: m });
          return (
            <div className="radio" key={key ?? m}>
              <input {...props} id={`${fields.modality.id}-${m}`} />
              <label htmlFor={`${fields.modality.id}-${m}`}>{t(`sessions.modality.${m}`)}</label>
            </div>
          );
        })}
        <FieldErrors id={fields.modality.errorId} errors={fields.modality.errors} />
      </fieldset>
      <TextField field={fields.startsAt} type="datetime-local" label={t("sessions.form.startsAt")} hint={t("sessions.form.timesHint")} />
      <TextField field={fields.endsAt} type="datetime-local" label={t("sessions.form.endsAt")} />
      <fieldset className="stack">
        <legend>{t("sessions.form.place")}</legend>
        <SelectField field={fields.regionId} label={t("sessions.form.region")} options={[none(t("sessions.form.noRegion")), ...regions]} />
        <TextField field={fields.city} label={t("sessions.form.city")} dir="auto" />
        <TextField field={fields.place} label={t("sessions.form.venue")} hint={t("sessions.form.venueHint")} dir="auto" />
      </fieldset>
      <SelectField field={fields.organiserId} label={t("sessions.form.organiser")} options={[none(t("sessions.form.noOrganiser")), ...organisations]} />
      <TextField field={fields.trainers} label={t("sessions.form.trainers")} hint={t("sessions.form.trainersHint")} dir="auto" />
      <p className="actions">
        <button type="submit" className="button">
          {session ? t("sessions.form.save") : t("sessions.form.create")}
        </button>
      </p>
    </Form>
  );
}
