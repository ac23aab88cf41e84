/**
 * Trained-count reports (issue 7), through the real pages and files: an
 * admin filters the report to one organisation and 2025, breaks it down by
 * profession and crosses it with sex, then downloads the CSV and the XLSX and
 * finds in them the figures the page shows; the printable view gives the
 * donor sentence in Arabic on a phone. An organisation manager sees their own
 * organisation's figures only — in the browser, over plain HTTP and through
 * the API with their organisation's token — whatever the query string asks.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createSessionFor, SESSION_COOKIE, withDb } from "../setup/e2e-db";
import { e2eBaseUrl } from "../setup/e2e-env";
import { createUser, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, PHONE, test, tFor, watchForBrowserErrors } from "../setup/e2e-fixtures";

const fr = tFor("fr");
const ar = tFor("ar");
const marker = () => crypto.randomBytes(4).toString("hex");
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

type Person = { sex: "woman" | "man"; profession: "social_worker" | "police_gendarmerie"; online?: boolean };

/**
 * An organisation whose people attended a session in 2025 (and some also
 * completed the course online): 7 women social workers (3 of them also online)
 * and 5 men in the police, unless told otherwise.
 */
async function organisationWithTrainings(name: string, people: Person[]) {
  const organisationId = `e2eorg${marker()}`;
  const users = await Promise.all(people.map((_, i) => createUser({ name: `${name} ${i + 1}` })));
  withDb((db) => {
    const now = sqliteDate(new Date());
    db.prepare(`INSERT INTO "Organisation" (id, name, type, regionId, city, createdAt, updatedAt) VALUES (?, ?, 'civil_society', 'MA-02', 'Oujda', ?, ?)`).run(
      organisationId,
      name,
      now,
      now,
    );
    const record = db.prepare(
      `INSERT INTO "TrainingRecord" (id, userId, kind, occurredAt, year, month, theme, modality, organisationId, organisationType, sex, profession, regionId, city, createdAt)
       VALUES (?, ?, ?, ?, 2025, ?, 'Identification des victimes', ?, ?, 'civil_society', ?, ?, 'MA-02', 'Oujda', ?)`,
    );
    people.forEach((person, i) => {
      const userId = users[i].id;
      db.prepare(`INSERT INTO "Membership" (id, userId, organisationId, role, startedAt) VALUES (?, ?, ?, 'member', ?)`).run(`e2emem${marker()}`, userId, organisationId, now);
      record.run(`e2erec${marker()}`, userId, "attendance", sqliteDate(new Date(Date.UTC(2025, 3, 10))), 4, "in_person", organisationId, person.sex, person.profession, now);
      if (person.online) {
        record.run(`e2erec${marker()}`, userId, "completion", sqliteDate(new Date(Date.UTC(2025, 5, 2))), 6, "online", organisationId, person.sex, person.profession, now);
      }
    });
  });
  return { organisationId, name };
}

const STANDARD: Person[] = [
  ...Array.from({ length: 7 }, (_, i) => ({ sex: "woman" as const, profession: "social_worker" as const, online: i < 3 })),
  ...Array.from({ length: 5 }, () => ({ sex: "man" as const, profession: "police_gendarmerie" as const })),
];

async function browserOf(browser: Browser, email: string, options: { phone?: boolean; locale?: string } = {}) {
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), locale: options.locale ?? "fr-FR", acceptDownloads: true, ...(options.phone ? { viewport: PHONE } : {}) });
  const watcher = watchForBrowserErrors(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: createSessionFor(email), url: e2eBaseUrl(), httpOnly: true, sameSite: "Lax" }]);
  return { page: await context.newPage(), done: async () => (watcher.assertClean(), await context.close()) };
}

/** The cells of the table with this caption, row by row, as the page shows them. */
async function tableRows(page: Page, caption: string) {
  const table = page.locator("table", { has: page.locator("caption", { hasText: caption }) });
  return table.locator("tr").evaluateAll((rows) => rows.map((row) => Array.from(row.children).map((cell) => (cell.textContent ?? "").trim())));
}

test("an admin filters the report, crosses two dimensions, and downloads the same figures as CSV and XLSX", async ({ browser }) => {
  const amal = await organisationWithTrainings(`Association Amal ${marker()}`, STANDARD);
  await organisationWithTrainings(`Association Nour ${marker()}`, STANDARD.slice(0, 6));
  const admin = await createUser({ role: "admin" });
  const { page, done } = await browserOf(browser, admin.email);

  await page.goto("/admin/reports");
  await expect(page.getByRole("heading", { level: 1, name: fr("reports.title") })).toBeVisible();
  await page.getByLabel(fr("reports.period.kind")).selectOption("year");
  await page.getByLabel(fr("reports.period.year_label")).selectOption("2025");
  await page.getByLabel(fr("reports.filters.organisations")).selectOption([amal.organisationId]);
  await page.getByLabel(fr("reports.layout.rows")).selectOption("profession");
  await page.getByLabel(fr("reports.layout.columns")).selectOption("sex");
  await page.getByRole("button", { name: fr("reports.submit") }).click();
  await expect(page).toHaveURL(/period=year/);

  // 12 people, counted once each; 15 trainings (3 of them trained online and in person).
  await expect(page.locator(".report-totals")).toContainText(fr("reports.results.peopleCount", { count: 12 }));
  await expect(page.locator(".report-totals")).toContainText(fr("reports.results.trainingsCount", { count: 15 }));
  const breakdown = await tableRows(page, fr("reports.results.breakdownCaption", { dimension: fr("reports.dimensionsInline.profession") }));
  expect(breakdown).toContainEqual([fr("reports.values.profession.social_worker"), "7", "10"]);
  expect(breakdown).toContainEqual([fr("reports.values.profession.police_gendarmerie"), "5", "5"]);
  expect(breakdown).toContainEqual([fr("reports.results.total"), "12", "15"]);
  const cross = await tableRows(page, fr("reports.results.crossCaption", { rows: fr("reports.dimensionsInline.profession"), columns: fr("reports.dimensionsInline.sex") }));
  expect(cross[0]).toEqual([fr("reports.dimensions.profession"), fr("reports.values.sex.woman"), fr("reports.values.sex.man"), fr("reports.results.total")]);
  expect(cross).toContainEqual([fr("reports.values.profession.social_worker"), "7", "0", "7"]);
  expect(cross).toContainEqual([fr("reports.values.profession.police_gendarmerie"), "0", "5", "5"]);
  // The chart draws the same figures, as text.
  await expect(page.locator("figure.chart").first().locator("text.chart-value")).toHaveText(["7", "5"]);

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: fr("reports.exports.csv") }).click();
  const csvFile = await (await csvDownload).path();
  const csvText = fs.readFileSync(csvFile!, "utf8");
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  const csv: string[][] = parse(csvText, { bom: true, delimiter: ";", relax_column_count: true });
  expect(csv).toContainEqual([fr("reports.describe.period"), fr("reports.periodPhrase.year", { year: "2025" })]);
  expect(csv).toContainEqual([fr("reports.describe.filters"), fr("reports.describe.pair", { label: fr("reports.dimensions.organisation"), value: amal.name })]);
  expect(csv).toContainEqual([fr("reports.results.people"), "12"]);
  expect(csv).toContainEqual([fr("reports.values.profession.social_worker"), "7", "10"]);
  expect(csv).toContainEqual([fr("reports.values.profession.social_worker"), "7", "0", "7"]);

  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: fr("reports.exports.xlsx") }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await (await xlsxDownload).path())!);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows).toContainEqual([fr("reports.results.people"), 12]);
  expect(rows).toContainEqual([fr("reports.values.profession.police_gendarmerie"), 5, 5]);
  expect(rows).toContainEqual([fr("reports.results.total"), 7, 5, 12]);

  // Saved under a name, it comes back with its filters.
  await page.getByLabel(fr("reports.saved.name")).fill("Amal 2025");
  await page.getByLabel(fr("reports.saved.schedule")).last().selectOption("quarterly");
  await page.getByRole("button", { name: fr("reports.saved.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: fr("reports.saved.done.saved") })).toBeVisible();
  await page.goto("/admin/reports");
  await page.getByRole("link", { name: "Amal 2025" }).click();
  await expect(page.locator(".report-totals")).toContainText(fr("reports.results.peopleCount", { count: 12 }));
  await done();
});

test("the printable view gives the donor sentence, and the report page works in Arabic on a phone", async ({ browser }) => {
  const amal = await organisationWithTrainings(`جمعية الأمل ${marker()}`, STANDARD);
  const admin = await createUser({ role: "admin", locale: "ar" });
  const { page, done } = await browserOf(browser, admin.email, { phone: true, locale: "ar" });
  const query = `period=year&year=2025&org=${amal.organisationId}&rows=profession`;

  await page.goto(`/admin/reports?${query}&columns=sex`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator(".report-totals")).toContainText(ar("reports.results.peopleCount", { count: 12 }));
  await expectNoHorizontalScroll(page);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: ar("reports.exports.print") }).click();
  await expect(page.locator(".report-sentences p").first()).toHaveText(
    `${ar("reports.sentence.headline", { period: ar("reports.periodPhrase.year", { year: "2025" }), count: 12 })}، منهم 7 من الأخصائيين الاجتماعيين و5 من الشرطة أو الدرك.`,
  );
  await expectNoHorizontalScroll(page);
  await expectNoSeriousA11yViolations(page);
  await done();
});

test("an organisation manager sees their organisation's figures only: in the browser, over HTTP and through the API", async ({ browser, request }) => {
  const mine = await organisationWithTrainings(`Association Tadamoun ${marker()}`, STANDARD);
  const other = await organisationWithTrainings(`Préfecture ${marker()}`, STANDARD.slice(0, 9));
  const manager = await createUser({ name: "Khadija Responsable" });
  withDb((db) =>
    db.prepare(`INSERT INTO "Membership" (id, userId, organisationId, role, startedAt) VALUES (?, ?, ?, 'manager', ?)`).run(
      `e2emem${marker()}`,
      manager.id,
      mine.organisationId,
      sqliteDate(new Date()),
    ),
  );
  const { page, done } = await browserOf(browser, manager.email);

  await page.goto("/org/reports?period=year&year=2025&rows=organisation");
  await expect(page.locator(".report-totals")).toContainText(fr("reports.results.peopleCount", { count: 12 }));
  const rows = await tableRows(page, fr("reports.results.breakdownCaption", { dimension: fr("reports.dimensionsInline.organisation") }));
  expect(rows.map((r) => r[0])).toContain(mine.name);
  expect(rows.map((r) => r[0])).not.toContain(other.name);
  // No organisation filter is offered, and naming the other one in the URL changes nothing: still their own figures.
  await expect(page.getByLabel(fr("reports.filters.organisations"))).toHaveCount(0);
  await page.goto(`/org/reports?period=year&year=2025&org=${other.organisationId}`);
  await expect(page.locator(".report-totals")).toContainText(fr("reports.results.peopleCount", { count: 12 }));
  await expect(page.locator("body")).not.toContainText(other.name);

  // Over plain HTTP, with the manager's cookie.
  const cookie = `${SESSION_COOKIE}=${createSessionFor(manager.email)}`;
  const csv = await request.get(`/org/reports/export?format=csv&period=year&year=2025&org=${other.organisationId}`, { headers: { cookie } });
  expect(csv.status()).toBe(200);
  const csvText = await csv.text();
  expect(parse(csvText, { bom: true, delimiter: ";", relax_column_count: true })).toContainEqual([fr("reports.results.people"), "12"]);
  expect(csvText).not.toContain(other.name);
  const own = await request.get(`/org/reports/export?format=csv&period=year&year=2025`, { headers: { cookie } });
  expect(parse(await own.text(), { bom: true, delimiter: ";", relax_column_count: true })).toContainEqual([fr("reports.results.people"), "12"]);
  expect((await request.get(`/admin/reports/export?format=csv`, { headers: { cookie }, maxRedirects: 0 })).status()).toBe(403);

  // Through the API, with a token of the manager's organisation.
  const token = `tdb_${crypto.randomBytes(32).toString("base64url")}`;
  withDb((db) =>
    db.prepare(`INSERT INTO "ApiToken" (id, organisationId, name, prefix, createdAt) VALUES (?, ?, 'Tableau de bord', ?, ?)`).run(
      crypto.createHash("sha256").update(token).digest("hex"),
      mine.organisationId,
      token.slice(0, 10),
      sqliteDate(new Date()),
    ),
  );
  const api = (query: string) => request.get(`/api/v1/trained?${query}`, { headers: { Authorization: `Bearer ${token}` } });
  const ownFigures = await (await api("period=year&year=2025&rows=sex&series=0")).json();
  expect(ownFigures.totals).toEqual({ people: 12, trainings: 15 });
  expect(ownFigures.scope.organisationName).toBe(mine.name);
  const otherFigures = await (await api(`period=year&year=2025&org=${other.organisationId}`)).json();
  expect(otherFigures.totals).toEqual({ people: 12, trainings: 15 });
  expect(JSON.stringify(otherFigures)).not.toContain(other.name);
  expect((await request.get(`/api/v1/trained`, { headers: { cookie } })).status()).toBe(401);
  await done();
});

test("an admin creates an organisation's API token, sees it once, and revokes it", async ({ browser, request }) => {
  const organisation = await organisationWithTrainings(`Association Chourouk ${marker()}`, STANDARD.slice(0, 5));
  const admin = await createUser({ role: "admin" });
  const { page, done } = await browserOf(browser, admin.email);
  await page.goto("/admin/api-tokens");
  await page.getByLabel(fr("api.tokens.organisation")).selectOption(organisation.organisationId);
  await page.getByLabel(fr("api.tokens.name")).fill("Tableau de bord Chourouk");
  await page.getByRole("button", { name: fr("api.tokens.create") }).click();
  const token = await page.getByLabel(fr("api.tokens.tokenLabel"), { exact: true }).inputValue();
  expect(token).toMatch(/^tdb_/);
  await expectNoSeriousA11yViolations(page);

  const figures = await request.get("/api/v1/trained?period=year&year=2025", { headers: { Authorization: `Bearer ${token}` } });
  expect((await figures.json()).totals).toEqual({ people: 5, trainings: 8 });

  // Shown once: the list has its first characters only.
  await page.goto("/admin/api-tokens");
  await expect(page.locator("body")).not.toContainText(token);
  await expect(page.getByRole("row", { name: /Tableau de bord Chourouk/ })).toContainText(token.slice(0, 10));
  await page.getByRole("button", { name: fr("api.tokens.revoke", { name: "Tableau de bord Chourouk" }) }).click();
  await expect(page.getByRole("status").filter({ hasText: fr("api.tokens.revoked") })).toBeVisible();
  expect((await request.get("/api/v1/trained", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await done();
});
