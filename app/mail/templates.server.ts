import { serverT } from "~/i18n/detect.server";
import { directionOf, isLocale, DEFAULT_LOCALE, type Locale } from "~/i18n/locales";

/**
 * Emails in the recipient's language (their account's locale), as plain text
 * plus a minimal HTML part with the same words. Strings live in the `mail`
 * catalog namespace.
 */
export type EmailContent = { subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Block = { kind: "p"; text: string } | { kind: "link"; label: string; url: string };

export function render(locale: Locale, subject: string, blocks: Block[]): EmailContent {
  const text = blocks.map((b) => (b.kind === "p" ? b.text : `${b.label}\n${b.url}`)).join("\n\n");
  const body = blocks
    .map((b) =>
      b.kind === "p"
        ? `<p>${escapeHtml(b.text)}</p>`
        : `<p><a href="${escapeHtml(b.url)}">${escapeHtml(b.label)}</a></p>`
    )
    .join("\n");
  const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(
    subject
  )}</title></head>
<body>
${body}
</body></html>`;
  return { subject, text: `${text}\n`, html };
}

function localeOf(value: string | null | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function passwordResetEmail(input: { locale: string; name: string; url: string }): EmailContent {
  const locale = localeOf(input.locale);
  const t = serverT(locale);
  return render(locale, t("mail.passwordReset.subject"), [
    { kind: "p", text: t("mail.greeting", { name: input.name }) },
    { kind: "p", text: t("mail.passwordReset.intro") },
    { kind: "link", label: t("mail.passwordReset.action"), url: input.url },
    { kind: "p", text: t("mail.passwordReset.expiry") },
    { kind: "p", text: t("mail.passwordReset.ignore") },
    { kind: "p", text: t("mail.signature") },
  ]);
}

export function passwordChangedEmail(input: { locale: string; name: string; resetUrl: string }): EmailContent {
  const locale = localeOf(input.locale);
  const t = serverT(locale);
  return render(locale, t("mail.passwordChanged.subject"), [
    { kind: "p", text: t("mail.greeting", { name: input.name }) },
    { kind: "p", text: t("mail.passwordChanged.intro") },
    { kind: "p", text: t("mail.passwordChanged.notYou") },
    { kind: "link", label: t("mail.passwordChanged.action"), url: input.resetUrl },
    { kind: "p", text: t("mail.signature") },
  ]);
}

export function signupConfirmEmail(input: { locale: string; name: string; url: string }): EmailContent {
  const locale = localeOf(input.locale);
  const t = serverT(locale);
  return render(locale, t("mail.signupConfirm.subject"), [
    { kind: "p", text: t("mail.greeting", { name: input.name }) },
    { kind: "p", text: t("mail.signupConfirm.intro") },
    { kind: "link", label: t("mail.signupConfirm.action"), url: input.url },
    { kind: "p", text: t("mail.signupConfirm.expiry") },
    { kind: "p", text: t("mail.signupConfirm.ignore") },
    { kind: "p", text: t("mail.signature") },
  ]);
}

/** To the owner of an address someone tried to sign up with: how to get in, and that nothing changed. */
export function signupExistingAccountEmail(input: { locale: string; name: string; loginUrl: string; resetUrl: string }): EmailContent {
  const locale = localeOf(input.locale);
  const t = serverT(locale);
  return render(locale, t("mail.signupExisting.subject"), [
    { kind: "p", text: t("mail.greeting", { name: input.name }) },
    { kind: "p", text: t("mail.signupExisting.intro") },
    { kind: "link", label: t("mail.signupExisting.login"), url: input.loginUrl },
    { kind: "p", text: t("mail.signupExisting.resetIntro") },
    { kind: "link", label: t("mail.signupExisting.reset"), url: input.resetUrl },
    { kind: "p", text: t("mail.signupExisting.ignore") },
    { kind: "p", text: t("mail.signature") },
  ]);
}
