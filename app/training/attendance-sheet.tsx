import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { onTheSpotSchema } from "./session-form";

type Person = { id: string; name: string; email: string | null; phone: string | null };

/**
 * One person on the sheet: a big toggle button, pressed when they are
 * ticked as present, that ticks or unticks them with a plain form post (so
 * it works without JavaScript on any phone). Screen readers announce its
 * name and whether it is pressed; the lists around it say what that means.
 */
export function AttendanceToggle({ person, present, action }: { person: Person; present: boolean; action: string }) {
  const contact = [person.email, person.phone].filter(Boolean).join(" · ");
  return (
    <li>
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value={present ? "untick" : "tick"} />
        <input type="hidden" name="userId" value={person.id} />
        <button type="submit" className="attendance-toggle" aria-pressed={present}>
          <span className="attendance-box" aria-hidden="true">
            {present ? "✓" : ""}
          </span>
          <span className="attendance-who">
            <bdi>{person.name}</bdi>
            {contact ? (
              <span className="muted" dir="ltr">
                {contact}
              </span>
            ) : null}
          </span>
        </button>
      </Form>
    </li>
  );
}

export function OnTheSpotForm({
  organisations,
  action,
  lastResult,
}: {
  organisations: { value: string; label: string }[];
  action: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: "add-person",
    lastResult,
    constraint: getZodConstraint(onTheSpotSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: onTheSpotSchema }),
  });
  return (
    <Form method="post" action={action} className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.name} label={t("sessions.sheet.name")} autoComplete="off" dir="auto" />
      <TextField field={fields.email} type="email" label={t("sessions.sheet.email")} autoComplete="off" />
      <TextField field={fields.phone} type="tel" label={t("sessions.sheet.phone")} hint={t("sessions.sheet.phoneHint")} autoComplete="off" />
      <SelectField field={fields.organisationId} label={t("sessions.sheet.organisation")} options={[{ value: "", label: t("sessions.sheet.noOrganisation") }, ...organisations]} />
      <p className="actions">
        <button type="submit" className="button">
          {t("sessions.sheet.add")}
        </button>
      </p>
    </Form>
  );
}
