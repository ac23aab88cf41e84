import { PASSWORD_MESSAGE_PARAMS } from "~/auth/password-policy";
import { useT } from "~/i18n/react";
import { type Field, TextField } from "~/ui/fields";

/** A new password and its confirmation: the account page and the reset page ask for them the same way. */
export function NewPasswordFields({ password, confirm }: { password: Field; confirm: Field }) {
  const t = useT();
  return (
    <>
      <TextField
        field={password}
        type="password"
        label={t("auth.fields.newPassword")}
        hint={t("auth.hints.password", PASSWORD_MESSAGE_PARAMS)}
        errorParams={PASSWORD_MESSAGE_PARAMS}
        autoComplete="new-password"
      />
      <TextField field={confirm} type="password" label={t("auth.fields.confirmPassword")} autoComplete="new-password" />
    </>
  );
}
