import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { deliverEmail } from "~/mail/outbox.server";
import type { MailTransport, OutgoingEmail } from "~/mail/transport.server";
import { calendarOf } from "~/training/records.server";
import { periodStart, sendDueReports } from "./schedule.server";
import { savedReportAction } from "./saved-reports.server";
import { createUser } from "../../tests/setup/db-fixtures";

/** Saved reports emailed on the first of the month or quarter, in the owner's language, with the file attached. */

function capture(): MailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return { name: "log", sent, send: async (mail) => void sent.push(mail) };
}

async function trainedPeople(count: number, organisationId: string | null, at: Date) {
  for (let i = 0; i < count; i++) {
    const user = await createUser({ name: `Trained ${i}` });
    await db.trainingRecord.create({
      data: { userId: user.id, kind: "attendance", theme: "Orientation", modality: "in_person", occurredAt: at, ...calendarOf(at), organisationId, sex: "woman" },
    });
  }
}

async function save(ownerId: string, audience: "all" | "organisation", search: string, schedule: "monthly" | "quarterly", format = "xlsx") {
  const form = new FormData();
  for (const [k, v] of Object.entries({ intent: "save", name: "Rapport mensuel", schedule, format, search })) form.set(k, v);
  const outcome = await savedReportAction(ownerId, audience, form);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.id!;
}

const latestEmailTo = (to: string) => db.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });

describe("scheduled reports", () => {
  it("knows when the month and the quarter began", () => {
    const now = new Date(Date.UTC(2026, 10, 15, 8));
    expect(periodStart("monthly", now).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(periodStart("quarterly", now).toISOString()).toBe("2026-10-01T00:00:00.000Z");
  });

  it("emails an admin's report once a month, in their language, with the XLSX of last month's figures", async () => {
    await trainedPeople(6, null, new Date(Date.UTC(2026, 9, 20)));
    const admin = await createUser({ role: "admin", locale: "ar", name: "مديرة" });
    await save(admin.id, "all", "trained=attended&period=lastMonth&rows=sex", "monthly");

    const first = new Date(Date.UTC(2026, 10, 1, 2));
    const run = await sendDueReports(first);
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const email = await latestEmailTo(admin.email!);
    expect(email?.subject).toBe("تقرير التكوين: Rapport mensuel");
    expect(email?.text).toContain("منهم 6 من النساء");

    const transport = capture();
    expect(await deliverEmail(email!.id, transport)).toBe("sent");
    const [attachment] = transport.sent[0].attachments ?? [];
    expect(attachment.filename).toBe("tadrib-report-2026-11-01.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.content.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["امرأة", 6, 6]);

    // Later the same month: nothing new.
    const again = await sendDueReports(new Date(Date.UTC(2026, 10, 20)));
    expect(again.sent).toBe(0);
    expect(await db.outboxEmail.count({ where: { to: admin.email! } })).toBe(1);
    // Next month: sent again.
    await sendDueReports(new Date(Date.UTC(2026, 11, 1, 2)));
    expect(await db.outboxEmail.count({ where: { to: admin.email! } })).toBe(2);
  });

  it("sends a manager their organisation's figures only, and nothing once they no longer manage it", async () => {
    const organisation = await db.organisation.create({ data: { name: "Association Nour", type: "civil_society" } });
    const other = await db.organisation.create({ data: { name: "Autre", type: "government" } });
    await trainedPeople(7, organisation.id, new Date(Date.UTC(2026, 8, 10)));
    await trainedPeople(9, other.id, new Date(Date.UTC(2026, 8, 10)));
    const manager = await createUser({ locale: "fr" });
    const membership = await db.membership.create({ data: { userId: manager.id, organisationId: organisation.id, role: "manager" } });
    await save(manager.id, "organisation", "period=lastQuarter&rows=", "quarterly", "csv");

    await sendDueReports(new Date(Date.UTC(2026, 9, 1, 3)));
    const email = await latestEmailTo(manager.email!);
    expect(email?.text).toContain("7 personnes de Association Nour ont été formées");
    const transport = capture();
    await deliverEmail(email!.id, transport);
    const csv = new TextDecoder().decode(transport.sent[0].attachments![0].content);
    expect(csv).toContain("Personnes formées;7");

    await db.membership.update({ where: { id: membership.id }, data: { endedAt: new Date(Date.UTC(2026, 11, 1)) } });
    const run = await sendDueReports(new Date(Date.UTC(2027, 0, 1, 3)));
    expect(run.skipped).toBeGreaterThanOrEqual(1);
    expect(await db.outboxEmail.count({ where: { to: manager.email! } })).toBe(1);
  });

  it("refuses to save a report without a name, keeping what was typed", async () => {
    const admin = await createUser({ role: "admin" });
    const form = new FormData();
    form.set("intent", "save");
    form.set("name", "  \u202e ");
    form.set("search", "rows=sex");
    const outcome = await savedReportAction(admin.id, "all", form);
    expect(outcome).toMatchObject({ ok: false, errors: { name: ["reports.saved.errors.name"] } });
    expect(await db.savedReport.count({ where: { ownerId: admin.id } })).toBe(0);
  });
});
