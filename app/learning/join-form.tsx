import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/react";
import { FieldErrors } from "~/ui/fields";

/** Typing an invite code read out in a workshop: any case, with or without the dash. */
export function JoinCodeForm({ code, error }: { code: string; error?: string }) {
  const { t } = useI18n();
  return (
    <Form method="get" action="/join" className="form">
      <div className="field">
        <label htmlFor="join-code">{t("cohorts.join.codeLabel")}</label>
        <p id="join-code-hint" className="field-hint">
          {t("cohorts.join.codeHint")}
        </p>
        <input
          id="join-code"
          name="code"
          type="text"
          dir="ltr"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          required
          defaultValue={code}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "join-code-hint join-code-error" : "join-code-hint"}
        />
        <FieldErrors id="join-code-error" errors={error ? [error] : undefined} />
      </div>
      <p className="actions">
        <button type="submit" className="button">
          {t("cohorts.join.find")}
        </button>
      </p>
    </Form>
  );
}
