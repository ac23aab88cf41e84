import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";

/**
 * The "type a code" form of /verify. A GET form: the code ends up in the URL
 * the way a QR code puts it there, and it works without JavaScript.
 */
export function VerifyForm({ defaultValue = "", error }: { defaultValue?: string; error?: string | null }) {
  const t = useT();
  const describedBy = error ? "verify-code-hint verify-code-error" : "verify-code-hint";
  return (
    <Form method="get" action="/verify" className="form verify-form">
      <div className="field">
        <label htmlFor="verify-code">{t("certificates.verify.codeLabel")}</label>
        <p id="verify-code-hint" className="field-hint">
          {t("certificates.verify.codeHint")}
        </p>
        <input
          id="verify-code"
          name="code"
          type="text"
          dir="ltr"
          required
          maxLength={100}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {error ? (
          <p id="verify-code-error" className="field-error">
            {t(error)}
          </p>
        ) : null}
      </div>
      <p>
        <button type="submit" className="button">
          {t("certificates.verify.submit")}
        </button>
      </p>
    </Form>
  );
}
