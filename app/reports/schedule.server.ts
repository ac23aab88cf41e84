import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { appUrl } from "~/http/app-url.server";
import { serverT } from "~/i18n/detect.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import { enqueueEmail } from "~/mail/outbox.server";
import { render } from "~/mail/templates.server";
import { managedOrganisation } from "~/organisations/guards.server";
import { searchFromDefinition } from "./definition";
import { exportFileName, exportRows, toCsv, toXlsx } from "./export.server";
import { runReport } from "./report.server";
import { storedDefinition } from "./saved-reports.server";
import { donorSentences } from "./sentences";

/**
 * Scheduled reports: on the first day of each month (or quarter) every saved
 * report with that schedule is run again and emailed to its owner, in their
 * language, with the XLSX or CSV file, through the outbox. The scope is read
 * again from the owner's role and membership on that day: an admin who is no
 * longer one, or a manager who left their organisation, gets nothing.
 *
 * Each report is claimed by moving its lastSentAt forward in one conditional
 * update, so two processes (or a restart) never send it twice.
 */

/** When the current month, or quarter, began: a report sent since then is not due. */
export function periodStart(schedule: "monthly" | "quarterly", now: Date): Date {
  const month = schedule === "monthly" ? now.getUTCMonth() : Math.floor(now.getUTCMonth() / 3) * 3;
  return new Date(Date.UTC(now.getUTCFullYear(), month, 1));
}

const OWNER = {
  owner: {
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      role: true,
      deletedAt: true,
    },
  },
} as const;

export type ScheduleRun = { sent: number; skipped: number };

export async function sendDueReports(now = new Date()): Promise<ScheduleRun> {
  const candidates = await db.savedReport.findMany({
    where: { schedule: { in: ["monthly", "quarterly"] } },
    include: OWNER,
    orderBy: { id: "asc" },
  });
  const result: ScheduleRun = { sent: 0, skipped: 0 };
  for (const saved of candidates) {
    if (saved.schedule === "none") continue;
    const since = periodStart(saved.schedule, now);
    if (saved.lastSentAt && saved.lastSentAt >= since) continue;
    const outcome = await sendOne(saved, now);
    result[outcome] += 1;
  }
  return result;
}

type Candidate = Prisma.SavedReportGetPayload<{ include: typeof OWNER }>;

async function sendOne(saved: Candidate, now: Date): Promise<"sent" | "skipped"> {
  // Claim it first (also when it then turns out it cannot be sent: it is retried next period, not every hour).
  const claim = await db.savedReport.updateMany({
    where: { id: saved.id, lastSentAt: saved.lastSentAt },
    data: { lastSentAt: now },
  });
  if (claim.count === 0) return "skipped";

  const stored = storedDefinition(saved.definition);
  const owner = saved.owner;
  if (!stored || !owner.email || owner.deletedAt) return "skipped";
  let organisationId: string | null = null;
  if (stored.audience === "all") {
    if (owner.role !== "admin") return "skipped";
  } else {
    const organisation = await managedOrganisation(owner.id);
    if (!organisation) return "skipped";
    organisationId = organisation.id;
  }

  const locale: Locale = isLocale(owner.locale) ? owner.locale : DEFAULT_LOCALE;
  const t = serverT(locale);
  const report = await runReport(stored.definition, { organisationId }, { locale, now });
  const rows = exportRows(report, t);
  const format = saved.format;
  const content =
    format === "csv" ? new TextEncoder().encode(toCsv(rows, locale)) : new Uint8Array(await toXlsx(rows, locale, t("reports.file.sheet")));
  const basePath = stored.audience === "all" ? "/admin/reports" : "/org/reports";
  const date = new Intl.DateTimeFormat(locale === "ar" ? "ar-MA" : locale, {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(now);
  const email = render(locale, t("reports.email.subject", { name: saved.name }), [
    { kind: "p", text: t("reports.email.intro", { name: owner.name }) },
    {
      kind: "p",
      text: t("reports.email.body", { report: saved.name, date }),
    },
    ...donorSentences(report, t, locale).map((text) => ({
      kind: "p" as const,
      text,
    })),
    {
      kind: "link",
      label: saved.name,
      url: appUrl(`${basePath}?${searchFromDefinition(stored.definition)}`),
    },
    { kind: "p", text: t("reports.email.footer", { url: appUrl(basePath) }) },
  ]);
  await enqueueEmail({
    to: owner.email,
    ...email,
    attachments: [
      {
        filename: exportFileName(report, format),
        contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content,
      },
    ],
  });
  return "sent";
}
