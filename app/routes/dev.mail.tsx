import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listOutbox } from "~/mail/outbox.server";
import { env } from "~/config/env.server";
import { useI18n } from "~/i18n/react";
import { pageTitle } from "~/ui/page-title";
import type { I18nHandle } from "~/i18n/namespaces";

export const handle: I18nHandle = { i18n: ["mail"] };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mail.dev.title");

/** Development only: the outbox, so signup/reset flows can be followed by hand. */
export async function loader(_args: LoaderFunctionArgs) {
  if (env.NODE_ENV === "production") throw new Response("Not Found", { status: 404 });
  return { emails: await listOutbox(50) };
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain-text body with its URLs made clickable; the text is never parsed as HTML. */
function Body({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="mail-body" dir="auto">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        )
      )}
    </pre>
  );
}

export default function DevMailPage() {
  const { t, formatDate } = useI18n();
  const { emails } = useLoaderData<typeof loader>();
  return (
    <div className="page page-reading">
      <h1>{t("mail.dev.title")}</h1>
      <p>{t("mail.dev.intro")}</p>
      {emails.length === 0 ? <p className="muted">{t("mail.dev.empty")}</p> : null}
      <ol className="mail-list">
        {emails.map((mail) => (
          <li key={mail.id} className="card">
            <h2>{mail.subject}</h2>
            <dl className="facts">
              <dt>{t("mail.dev.to")}</dt>
              <dd dir="ltr">{mail.to}</dd>
              <dt>{t("mail.dev.status")}</dt>
              <dd>
                <span className={mail.status === "sent" ? "badge badge-success" : "badge"}>
                  {t(`mail.dev.statuses.${mail.status}`)}
                </span>
              </dd>
              <dt>{t("mail.dev.createdAt")}</dt>
              <dd>{formatDate(mail.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</dd>
              <dt>{t("mail.dev.attempts")}</dt>
              <dd>{mail.attempts}</dd>
              {mail.lastError ? (
                <>
                  <dt>{t("mail.dev.lastError")}</dt>
                  <dd>{mail.lastError}</dd>
                </>
              ) : null}
            </dl>
            <Body text={mail.text} />
          </li>
        ))}
      </ol>
    </div>
  );
}
