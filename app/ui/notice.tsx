import { useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/react";

/**
 * One-line confirmations after a redirect ("your password was changed"),
 * chosen by `?notice=<name>` so they work without JavaScript or a flash
 * session. Only names listed here are shown, so a crafted link can only
 * display one of our own messages.
 */
const NOTICES: Record<string, string> = {
  welcome: "common.notice.welcome",
  "password-reset": "common.notice.passwordReset",
  "password-changed": "common.notice.passwordChanged",
  "profile-saved": "common.notice.profileSaved",
};

export function Notice() {
  const t = useT();
  const [params] = useSearchParams();
  const key = NOTICES[params.get("notice") ?? ""];
  if (!key) return null;
  return (
    <div className="notice-bar">
      <p className="alert alert-success" role="status">
        {t(key)}
      </p>
    </div>
  );
}
