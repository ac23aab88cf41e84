/**
 * People trained in person, brought into Tadrib (issues 8 and 9): an admin
 * imports a CSV file (template, a report of its problems, the corrected file,
 * the progress, the people); records a session's attendance on a phone, with
 * and without JavaScript, right to left; and a learner joins a cohort from
 * its invite link.
 */
import fs from "node:fs";
import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { createSessionFor, SESSION_COOKIE, withDb } from "../setup/e2e-db";
import { e2eBaseUrl } from "../setup/e2e-env";
import {
  createUser,
  expect,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  literal,
  loginAs,
  PHONE,
  TRAFFICKING_COURSE,
  test,
  tFor,
  watchForBrowserErrors,
} from "../setup/e2e-fixtures";

const tag = () => crypto.randomBytes(3).toString("hex");
/** A Moroccan mobile number no other test uses, as people write it. */
const phone = () => `06 ${String(crypto.randomInt(10_000_000, 99_999_999)).replace(/(\d\d)(?=\d)/g, "$1 ")}`;
const e164 = (written: string) => `+212${written.replace(/\D/g, "").slice(1)}`;

const one = <T>(sql: string, ...args: unknown[]) => withDb((db) => db.prepare(sql).get(...args) as T);
const count = (sql: string, ...args: unknown[]) => one<{ n: number }>(sql, ...args).n;

/**
 * axe runs in the page, so a page tested without JavaScript is checked again
 * in a context that has it, as the same admin, on a phone.
 */
async function checkWithScript(browser: Browser, url: string, email: string) {
  // Contexts made in a test take its options: JavaScript is switched back on explicitly.
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), viewport: PHONE, locale: "fr-FR", javaScriptEnabled: true });
  const watcher = watchForBrowserErrors(context);
  try {
    await context.addCookies([{ name: SESSION_COOKIE, value: createSessionFor(email), url: e2eBaseUrl(), httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await page.goto(url);
    await expectNoSeriousA11yViolations(page);
    await expectNoHorizontalScroll(page);
    watcher.assertClean();
  } finally {
    await context.close();
  }
}

async function checkPage(page: Page) {
  await expectNoSeriousA11yViolations(page);
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe("importing people from a CSV file", () => {
  test("an admin downloads the template, uploads a file with errors, reads the report, fixes it, imports and sees the people", async ({ page }) => {
    test.setTimeout(120_000);
    const t = tFor("fr");
    const admin = await createUser({ role: "admin", name: "Nadia Admin" });
    await loginAs(page, admin.email);
    const id = tag();
    const salma = { name: `Salma Benali ${id}`, email: `salma-${id}@example.test`, phone: phone() };
    const youssef = { name: `يوسف الإدريسي ${id}`, phone: phone() };

    let template = "";
    await test.step("the template: a byte-order mark, the columns, two example rows, one in Arabic", async () => {
      await page.goto("/admin/import");
      await expect(page.getByRole("heading", { level: 1, name: t("import.upload.title") })).toBeVisible();
      await checkPage(page);
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: t("import.template.download") }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe("tadrib-import.csv");
      const bytes = fs.readFileSync((await file.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      template = bytes.toString("utf8").slice(1);
      const lines = template.trim().split(/\r\n/);
      expect(lines[0]).toBe("name;email;phone;sex;age_band;birth_year;profession;organisation;organisation_type;region;city;nationality;language");
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(/^يوسف الإدريسي;/);
    });

    const header = template.split(/\r\n/)[0];
    const rows = (salmaEmail: string, youssefSex: string) =>
      [
        header,
        `${salma.name};${salmaEmail};${salma.phone};femme;25-34;;travailleuse sociale;Association Amal ${id};association;MA-02;Oujda;MA;fr`,
        `"${youssef.name}";;${youssef.phone};${youssefSex};;1988;الشرطة;"المديرية العامة ${id}";حكومي;الرباط سلا القنيطرة;الرباط;المغرب;ar`,
      ].join("\r\n");

    await test.step("a file with errors: the report names the row, the column and the problem, and nothing is saved", async () => {
      await page.getByLabel(t("import.upload.file")).setInputFiles({ name: "liste-oujda.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${rows("salma@", "licorne")}`) });
      await page.getByRole("button", { name: t("import.upload.submit") }).click();
      await expect(page.getByRole("heading", { level: 1, name: t("import.report.title") })).toBeVisible();
      await expect(page.getByRole("alert")).toHaveText(t("import.report.problems", { count: 2 }));
      const table = page.getByRole("table", { name: t("import.report.caption") });
      const lines = table.locator("tbody tr");
      await expect(lines).toHaveCount(2);
      await expect(lines.nth(0).locator("td")).toHaveText(["2", "email", "« salma@ » n'est pas une adresse e-mail valide."]);
      await expect(lines.nth(1).locator("td").nth(0)).toHaveText("3");
      await expect(lines.nth(1).locator("td").nth(1)).toHaveText("sex");
      await expect(lines.nth(1).locator("td").nth(2)).toContainText("« licorne » n'est pas une valeur connue");
      await expect(page.getByRole("button", { name: t("import.run.submit") })).toHaveCount(0);
      expect(count(`SELECT count(*) AS n FROM "User" WHERE name LIKE ?`, `%${id}`)).toBe(0);
      await checkPage(page);
    });

    await test.step("the corrected file is ready: two people to create", async () => {
      await page.getByLabel(t("import.upload.file")).setInputFiles({ name: "liste-oujda.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${rows(salma.email, "رجل")}`) });
      await page.getByRole("button", { name: t("import.upload.submit") }).click();
      await expect(page.getByRole("status").filter({ hasText: t("import.report.valid", { count: 2 }) })).toBeVisible();
      await expect(page.getByText(t("import.counts.planned.created", { count: 2 }))).toBeVisible();
      await expect(page.getByText(t("import.counts.planned.organisationsCreated", { count: 2 }))).toBeVisible();
      await checkPage(page);
    });

    await test.step("import: the progress bar, then the people", async () => {
      await page.getByRole("button", { name: t("import.run.submit") }).click();
      await expect(page.getByRole("heading", { level: 1, name: t("import.result.title") })).toBeVisible();
      const people = page.getByRole("table").locator("tbody tr");
      await expect(people).toHaveCount(2);
      await expect(people.nth(0)).toContainText(salma.name);
      await expect(people.nth(0)).toContainText(salma.email);
      await expect(people.nth(0)).toContainText(`Association Amal ${id}`);
      await expect(people.nth(1)).toContainText(youssef.name);
      await expect(people.nth(1)).toContainText(e164(youssef.phone));
      await checkPage(page);
    });

    await test.step("the database has them once, without a password, with their profile and organisation", async () => {
      const person = one<{ id: string; locale: string; hash: string | null; sex: string; ageBand: string; profession: string; regionId: string; org: string }>(
        `SELECT u.id, u.locale, pw.hash, p.sex, p.ageBand, p.profession, p.regionId, o.name AS org FROM "User" u
         LEFT JOIN "Password" pw ON pw.userId = u.id JOIN "Profile" p ON p.userId = u.id
         JOIN "Membership" m ON m.userId = u.id AND m.endedAt IS NULL JOIN "Organisation" o ON o.id = m.organisationId WHERE u.email = ?`,
        salma.email,
      );
      expect(person).toMatchObject({ locale: "fr", hash: null, sex: "woman", ageBand: "from_25_to_34", profession: "social_worker", regionId: "MA-02", org: `Association Amal ${id}` });
      expect(one(`SELECT locale, name FROM "User" WHERE phone = ?`, e164(youssef.phone))).toEqual({ locale: "ar", name: youssef.name });
    });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the import waits for the result, records attendance at a session, and a second import adds nobody", async ({ page }) => {
      const t = tFor("fr");
      const admin = await createUser({ role: "admin" });
      await loginAs(page, admin.email);
      const id = tag();
      const sessionId = `e2esess${id}`;
      const startsAt = "2026-03-10T09:00:00.000+00:00";
      withDb((db) =>
        db
          .prepare(`INSERT INTO "TrainingSession" (id, title, theme, modality, startsAt, endsAt, trainers, createdAt) VALUES (?, ?, 'Recrutement équitable', 'webinar', ?, ?, '', ?)`)
          .run(sessionId, `Webinaire ${id}`, startsAt, "2026-03-10T11:00:00.000+00:00", startsAt),
      );
      const file = `nom,courriel,téléphone\nAmal ${id},amal-${id}@example.test,\nHicham ${id},,${phone()}\n`;
      for (const round of [1, 2]) {
        await page.goto("/admin/import");
        await page.getByLabel(t("import.upload.file")).setInputFiles({ name: "webinaire.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
        await page.getByLabel(t("import.upload.targetSession")).check();
        await page.getByLabel(t("import.upload.session"), { exact: true }).selectOption(sessionId);
        await page.getByRole("button", { name: t("import.upload.submit") }).click();
        await expect(page.getByText(t(round === 1 ? "import.counts.planned.attended" : "import.counts.planned.alreadyPresent", { count: 2 }))).toBeVisible();
        await page.getByRole("button", { name: t("import.run.submit") }).click();
        await expect(page.getByRole("heading", { level: 1, name: t("import.result.title") })).toBeVisible();
      }
      const records = withDb((db) =>
        db
          .prepare(`SELECT r.kind, r.modality, r.occurredAt, r.theme FROM "TrainingRecord" r JOIN "Attendance" a ON a.id = r.attendanceId WHERE a.sessionId = ?`)
          .all(sessionId),
      );
      expect(records).toEqual([
        { kind: "attendance", modality: "webinar", occurredAt: startsAt, theme: "Recrutement équitable" },
        { kind: "attendance", modality: "webinar", occurredAt: startsAt, theme: "Recrutement équitable" },
      ]);
      expect(count(`SELECT count(*) AS n FROM "User" WHERE name LIKE ?`, `%${id}`)).toBe(2);
    });
  });
});

test.describe("an attendance sheet on a phone, in Arabic, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("an admin creates a session, ticks a person found by name, adds one on the spot, unticks one, and the training records follow", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const t = tFor("ar");
    const admin = await createUser({ role: "admin", locale: "ar" });
    await loginAs(page, admin.email);
    const id = tag();
    const rachida = await createUser({ name: `Rachida Sbai ${id}` });
    const known = await createUser({ name: `Karim Known ${id}` });
    const title = `ورشة وجدة ${id}`;

    await test.step("create the session", async () => {
      await page.goto("/admin/sessions/new");
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      await checkWithScript(browser, "/admin/sessions/new", admin.email);
      await expectNoHorizontalScroll(page);
      await page.getByLabel(t("sessions.form.title"), { exact: true }).fill(title);
      await page.getByLabel(t("sessions.form.theme"), { exact: true }).fill("التعرّف على ضحايا الاتجار بالبشر");
      await page.getByLabel(t("sessions.modality.in_person")).check();
      await page.getByLabel(t("sessions.form.startsAt"), { exact: true }).fill("2026-04-14T09:00");
      await page.getByLabel(t("sessions.form.endsAt"), { exact: true }).fill("2026-04-14T12:30");
      await page.getByLabel(t("sessions.form.region"), { exact: true }).selectOption("MA-02");
      await page.getByLabel(t("sessions.form.city"), { exact: true }).fill("وجدة");
      await page.getByRole("button", { name: t("sessions.form.create") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("sessions.sheet.heading", { title }));
      await expect(page.getByText(t("sessions.sheet.nobody"))).toBeVisible();
    });
    const sessionId = new URL(page.url()).pathname.split("/")[3];
    const recordsOf = (userId: string) =>
      withDb((db) =>
        db
          .prepare(`SELECT r.kind, r.modality, r.occurredAt, r.year, r.month FROM "TrainingRecord" r JOIN "Attendance" a ON a.id = r.attendanceId WHERE a.sessionId = ? AND r.userId = ?`)
          .all(sessionId, userId),
      );
    const record = { kind: "attendance", modality: "in_person", occurredAt: "2026-04-14T09:00:00.000+00:00", year: 2026, month: 4 };
    const present = page.getByRole("list", { name: t("sessions.sheet.presentTitle") });

    await test.step("find a person by name and tick them", async () => {
      await page.getByLabel(t("sessions.sheet.findLabel"), { exact: true }).fill(`rachida sbai ${id}`);
      await page.getByRole("button", { name: t("sessions.sheet.find") }).click();
      const results = page.getByRole("list", { name: t("sessions.sheet.results") });
      await results.getByRole("button", { name: new RegExp(`Rachida Sbai ${id}`) }).click();
      await expect(page.getByRole("status")).toHaveText(t("sessions.done.tickedWho", { name: rachida.name }));
      await expect(present.getByRole("button", { name: new RegExp(rachida.name), pressed: true })).toBeVisible();
      expect(recordsOf(rachida.id)).toEqual([record]);
      await expectNoHorizontalScroll(page);
      await checkWithScript(browser, new URL(page.url()).pathname + new URL(page.url()).search, admin.email);
    });

    const omar = { name: `عمر الفاسي ${id}`, phone: phone() };
    await test.step("add someone on the spot; someone already known is ticked, not created again", async () => {
      await page.getByLabel(t("sessions.sheet.name"), { exact: true }).fill(omar.name);
      await page.getByLabel(t("sessions.sheet.phone"), { exact: true }).fill(omar.phone);
      await page.getByRole("button", { name: t("sessions.sheet.add") }).click();
      await expect(page.getByRole("status")).toHaveText(t("sessions.done.addedWho", { name: omar.name }));
      const omarId = one<{ id: string }>(`SELECT id FROM "User" WHERE phone = ?`, e164(omar.phone)).id;
      expect(recordsOf(omarId)).toEqual([record]);

      await page.getByLabel(t("sessions.sheet.name"), { exact: true }).fill("K. Known");
      await page.getByLabel(t("sessions.sheet.email"), { exact: true }).fill(known.email.toUpperCase());
      await page.getByRole("button", { name: t("sessions.sheet.add") }).click();
      await expect(page.getByRole("status")).toHaveText(t("sessions.done.matchedWho", { name: known.name }));
      // Rachida, Karim and Omar: "K. Known" was Karim, found by his email.
      expect(count(`SELECT count(*) AS n FROM "User" WHERE name LIKE ?`, `%${id}`)).toBe(3);
      await expect(present.getByRole("button")).toHaveCount(3);
      await expect(page.getByRole("heading", { level: 2, name: literal(t("sessions.sheet.presentCount", { count: 3 })) })).toBeVisible();
      await expectNoHorizontalScroll(page);
    });

    await test.step("untick a person: their attendance and its training record go", async () => {
      await present.getByRole("button", { name: new RegExp(rachida.name) }).click();
      await expect(page.getByRole("status")).toHaveText(t("sessions.done.unticked"));
      await expect(present.getByRole("button")).toHaveCount(2);
      expect(recordsOf(rachida.id)).toEqual([]);
      expect(count(`SELECT count(*) AS n FROM "Attendance" WHERE sessionId = ?`, sessionId)).toBe(2);
    });

    await test.step("the session list counts them", async () => {
      await page.goto("/admin/sessions");
      const row = page.getByRole("row").filter({ hasText: title });
      await expect(row.getByRole("cell").nth(2)).toHaveText("2");
      await expectNoHorizontalScroll(page);
      await checkWithScript(browser, "/admin/sessions", admin.email);
    });
  });
});

test.describe("cohorts and invite links", () => {
  // An unknown code answers 404 with the form to type it again.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test("an admin makes a cohort; a learner follows its invite link, logs in, joins and lands on the course", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const t = tFor("fr");
    const admin = await createUser({ role: "admin" });
    await loginAs(page, admin.email);
    const name = `Travailleurs sociaux d'Oujda ${tag()}`;

    await test.step("the cohorts page, then a new cohort with its invite link", async () => {
      await page.goto(`/admin/courses/${TRAFFICKING_COURSE}/cohorts`);
      await expect(page.getByRole("row").filter({ hasText: t("cohorts.open.name") })).toBeVisible();
      await checkPage(page);
      await page.getByRole("link", { name: t("cohorts.list.new") }).click();
      await checkPage(page);
      await page.getByLabel(t("cohorts.form.name")).fill(name);
      await page.getByLabel(t("cohorts.form.capacity")).fill("20");
      await page.getByRole("button", { name: t("cohorts.form.create") }).click();
      await expect(page.getByRole("status").filter({ hasText: t("cohorts.done.created") })).toBeVisible();
      await checkPage(page);
    });
    const link = await page.getByLabel(t("cohorts.invite.link")).inputValue();
    expect(link).toMatch(/\/join\/[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const code = link.split("/").pop()!;

    const learner = await createUser({ name: "Hanane Learner" });
    const context = await browser.newContext({ baseURL: new URL(link).origin, locale: "fr-FR" });
    const watcher = watchForBrowserErrors(context, [/status of 404/]);
    const visitor = await context.newPage();
    try {
      await test.step("a code typed in lower case without its dash finds the cohort", async () => {
        await visitor.goto("/join");
        await checkPage(visitor);
        await visitor.getByLabel(t("cohorts.join.codeLabel")).fill(code.replace("-", "").toLowerCase());
        await visitor.getByRole("button", { name: t("cohorts.join.find") }).click();
        await expect(visitor).toHaveURL(new RegExp(`/join/${code}$`));
      });

      await test.step("anonymous, the page shows the course and the group and sends them to log in", async () => {
        await expect(visitor.getByRole("heading", { level: 1, name: t("cohorts.join.title") })).toBeVisible();
        await expect(visitor.getByText(name)).toBeVisible();
        await checkPage(visitor);
        await visitor.getByRole("main").getByRole("link", { name: t("cohorts.join.login") }).click();
        await visitor.getByLabel(t("auth.fields.email")).fill(learner.email);
        await visitor.getByLabel(t("auth.fields.password")).fill(learner.password);
        await visitor.getByRole("button", { name: t("auth.login.submit") }).click();
        await expect(visitor).toHaveURL(new RegExp(`/join/${code}$`));
      });

      await test.step("joining lands on the course page, enrolled in the cohort", async () => {
        await visitor.getByRole("button", { name: t("cohorts.join.join") }).click();
        await expect(visitor).toHaveURL(new RegExp(`/courses/${TRAFFICKING_COURSE}$`));
        const enrolled = one<{ name: string }>(`SELECT c.name FROM "Enrolment" e JOIN "Cohort" c ON c.id = e.cohortId WHERE e.userId = ?`, learner.id);
        expect(enrolled).toEqual({ name });
        await visitor.goto(`/join/${code}`);
        await expect(visitor.getByRole("status")).toContainText(t("cohorts.join.member"));
      });

      await test.step("the cohorts page counts them", async () => {
        await page.goto(`/admin/courses/${TRAFFICKING_COURSE}/cohorts`);
        await expect(page.getByRole("row").filter({ hasText: name }).getByRole("cell").nth(1)).toHaveText(t("cohorts.list.ofCapacity", { enrolled: "1", capacity: "20" }));
      });

      await test.step("an unknown code says so, with the form to type it again", async () => {
        await visitor.goto("/join/ZZZZZ-ZZZZZ");
        await expect(visitor.getByRole("alert")).toHaveText(t("cohorts.join.notFound"));
        await expect(visitor.getByLabel(t("cohorts.join.codeLabel"))).toHaveValue("ZZZZZ-ZZZZZ");
      });
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });
});
