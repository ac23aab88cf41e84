/**
 * People and organisations (issue 7), through the real pages: an admin
 * creates an organisation, adds two people and makes one of them its
 * manager; the manager fills their profile in Arabic on a phone, sees their
 * member on /org, invites a colleague, and gets 404 for a member of another
 * organisation, in the browser and over plain HTTP. A learner reads and
 * downloads everything Tadrib holds about them, asks for deletion, an admin
 * confirms it, and the learner can no longer log in.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { ageBandFor } from "../../app/people/facts";
import { createScormAttempt, createSessionFor, createSubmission, enrol, SESSION_COOKIE, withDb } from "../setup/e2e-db";
import { e2eBaseUrl, TRAFFICKING_COURSE } from "../setup/e2e-env";
import {
  createUser,
  expect,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  literal,
  loginAs,
  PHONE,
  readLatestEmail,
  test,
  tFor,
  waitForHydration,
  watchForBrowserErrors,
} from "../setup/e2e-fixtures";
import { MEDIA_COURSE } from "../setup/e2e-personas";

const fr = tFor("fr");
const ar = tFor("ar");
const marker = () => crypto.randomBytes(3).toString("hex");
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Someone else's browser (the manager's phone, the admin's desk), watched for errors like the test's own. */
async function browserOf(browser: Browser, email: string, options: { phone?: boolean; allowed?: RegExp[] } = {}) {
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), locale: "fr-FR", ...(options.phone ? { viewport: PHONE } : {}) });
  const watcher = watchForBrowserErrors(context, options.allowed);
  await context.addCookies([{ name: SESSION_COOKIE, value: createSessionFor(email), url: e2eBaseUrl(), httpOnly: true, sameSite: "Lax" }]);
  return { page: await context.newPage(), done: async () => (watcher.assertClean(), await context.close()) };
}

/** A member of another organisation, made directly in the database. */
async function outsiderElsewhere(name: string) {
  const outsider = await createUser({ name });
  withDb((db) => {
    const now = sqliteDate(new Date());
    const organisationId = `e2eorg${marker()}`;
    db.prepare(`INSERT INTO "Organisation" (id, name, type, createdAt, updatedAt) VALUES (?, ?, 'government', ?, ?)`).run(organisationId, `Préfecture ${name}`, now, now);
    db.prepare(`INSERT INTO "Membership" (id, userId, organisationId, role, startedAt) VALUES (?, ?, ?, 'member', ?)`).run(`e2emem${marker()}`, outsider.id, organisationId, now);
  });
  return outsider;
}

function membershipsOf(userId: string) {
  return withDb((db) =>
    db
      .prepare(`SELECT o.name AS organisation, m.role, m.endedAt IS NULL AS current FROM "Membership" m JOIN "Organisation" o ON o.id = m.organisationId WHERE m.userId = ? ORDER BY m.startedAt, m.rowid`)
      .all(userId),
  );
}

test.describe("organisations and their managers", () => {
  // A member of another organisation answers 404 (Chromium logs the status); an empty form is refused with 400.
  test.use({ allowedConsoleErrors: [/status of (400|404)/] });

  test("an admin makes an organisation and its manager; the manager fills their profile in Arabic and sees only their own members", async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const m = marker();
    const orgName = `Association Tadamon ${m}`;
    const admin = await createUser({ name: "Nadia Admin", role: "admin" });
    const manager = await createUser({ name: `Rim Manager ${m}`, locale: "ar" });
    const member = await createUser({ name: `Leïla Membre ${m}` });
    const outsider = await outsiderElsewhere(`Othmane Ailleurs ${m}`);
    const phoneDigits = `6${String(crypto.randomInt(0, 1e8)).padStart(8, "0")}`;
    withDb((db) => db.prepare(`UPDATE "User" SET phone = ? WHERE id = ?`).run(`+212${phoneDigits}`, manager.id));
    await loginAs(page, admin.email);

    let organisationId = "";
    await test.step("the admin creates the organisation; an empty name is refused and what was typed stays", async () => {
      await page.goto("/admin/organisations");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("organisations.admin.title"));
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("link", { name: fr("organisations.admin.new") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("organisations.new.title"));
      await expectNoSeriousA11yViolations(page);
      await waitForHydration(page);
      await page.getByLabel(fr("organisations.fields.city")).fill("Fès");
      await page.getByRole("button", { name: fr("organisations.new.submit") }).click();
      await expect(page.getByText(fr("organisations.errors.nameRequired"))).toBeVisible();
      await expect(page.getByText(fr("organisations.errors.typeRequired"))).toBeVisible();
      await expect(page.getByLabel(fr("organisations.fields.city"))).toHaveValue("Fès");
      await page.getByLabel(fr("organisations.fields.name")).fill(orgName);
      await page.getByLabel(fr("organisations.fields.type")).selectOption("civil_society");
      await page.getByLabel(fr("organisations.fields.region")).selectOption("MA-03");
      await page.getByRole("button", { name: fr("organisations.new.submit") }).click();
      await expect(page.getByRole("status").filter({ hasText: fr("organisations.page.done.created") })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(orgName);
      await expect(page.getByText(fr("organisations.type.civil_society"))).toBeVisible();
      await expect(page.getByText("Fès-Meknès")).toBeVisible();
      organisationId = new URL(page.url()).pathname.split("/").pop()!;
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("the admin adds a member by email and the future manager by phone, then makes them manager", async () => {
      await page.getByLabel(fr("organisations.page.contact")).fill("nobody-here@example.test");
      await page.getByRole("button", { name: fr("organisations.page.add"), exact: true }).click();
      await expect(page.getByText(fr("organisations.errors.personNotFound"))).toBeVisible();
      await expect(page.getByLabel(fr("organisations.page.contact"))).toHaveValue("nobody-here@example.test");

      await page.getByLabel(fr("organisations.page.contact")).fill(member.email);
      await page.getByRole("button", { name: fr("organisations.page.add"), exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: fr("organisations.page.done.added") })).toBeVisible();
      // Written the way people write phone numbers on sheets.
      await page.getByLabel(fr("organisations.page.contact")).fill(`0${phoneDigits.slice(0, 1)} ${phoneDigits.slice(1, 3)} ${phoneDigits.slice(3, 5)} ${phoneDigits.slice(5, 7)} ${phoneDigits.slice(7)}`);
      await page.getByRole("button", { name: fr("organisations.page.add"), exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: fr("organisations.page.done.added") })).toBeVisible();
      await expect(page.getByText(fr("organisations.page.membersCount", { count: 2 }))).toBeVisible();

      const managerRow = page.getByRole("row").filter({ hasText: manager.name });
      await managerRow.getByRole("button", { name: literal(fr("organisations.page.makeManager")) }).click();
      await expect(page.getByRole("status").filter({ hasText: fr("organisations.page.done.role") })).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: manager.name }).getByRole("cell", { name: fr("organisations.role.manager"), exact: true })).toBeVisible();
      // The role change is history: the earlier membership as a member is listed, ended.
      const history = page.getByRole("table", { name: fr("organisations.page.historyTitle") });
      await expect(history.getByRole("row").filter({ hasText: manager.name })).toContainText(fr("organisations.role.member"));
      expect(membershipsOf(manager.id)).toEqual([
        { organisation: orgName, role: "member", current: 0 },
        { organisation: orgName, role: "manager", current: 1 },
      ]);
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("the admin edits the city; the list finds the organisation with its two members", async () => {
      await page.getByRole("link", { name: fr("organisations.page.edit") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("organisations.edit.title"));
      await expect(page.getByLabel(fr("organisations.fields.name"))).toHaveValue(orgName);
      await expectNoSeriousA11yViolations(page);
      await page.getByLabel(fr("organisations.fields.city")).fill("Meknès");
      await page.getByRole("button", { name: fr("organisations.edit.submit") }).click();
      await expect(page.getByRole("status").filter({ hasText: fr("organisations.page.done.saved") })).toBeVisible();
      await expect(page.getByText("Meknès", { exact: true })).toBeVisible();

      await page.goto(`/admin/organisations?q=${encodeURIComponent(`tadamon ${m}`)}&type=civil_society`);
      const row = page.getByRole("row").filter({ hasText: orgName });
      await expect(row).toHaveCount(1);
      await expect(row.getByRole("cell").last()).toHaveText("2");
      await expect(page.getByRole("status")).toHaveText(fr("organisations.admin.count", { count: 1 }));
      await page.goto(`/admin/organisations?q=${encodeURIComponent(`tadamon ${m}`)}&type=media`);
      await expect(page.getByText(fr("organisations.admin.noMatch"))).toBeVisible();
    });

    await test.step("the manager fills their profile in Arabic on a 360 px phone", async () => {
      const phone = await browserOf(browser, manager.email, { phone: true, allowed: [/status of 404/] });
      const p = phone.page;
      await p.goto("/account");
      await p.getByRole("link", { name: ar("people.account.profile") }).click();
      await expect(p).toHaveURL("/account/profile");
      await expect(p.locator("html")).toHaveAttribute("dir", "rtl");
      await expect(p.getByRole("heading", { level: 1 })).toHaveText(ar("people.profile.title"));
      await expect(p.getByText(ar("people.profile.intro"))).toBeVisible();
      // Each item says why it is asked and who sees it.
      await expect(p.getByLabel(ar("people.facts.sex.label"), { exact: true })).toHaveAccessibleDescription(`${ar("people.profile.why.sex")} ${ar("people.profile.whoSees")}`);
      await expectNoSeriousA11yViolations(p);
      await expectNoHorizontalScroll(p);

      const organisation = p.getByLabel(ar("people.facts.organisation"));
      await expect(organisation).toHaveValue(organisationId);
      await expect(organisation).toHaveAccessibleDescription(literal(ar("people.profile.organisationManager")));
      await p.getByLabel(ar("people.facts.sex.label"), { exact: true }).selectOption("woman");
      await p.getByLabel(ar("people.facts.birthYear")).fill("1990");
      await p.getByLabel(ar("people.facts.profession.label")).selectOption("social_worker");
      await p.getByLabel(ar("people.facts.region")).selectOption("MA-03");
      await p.getByLabel(ar("people.facts.city")).fill("مكناس");
      const nationality = p.getByLabel(ar("people.facts.nationality"));
      await expect(nationality.locator('option[value="MA"]')).toHaveText("المغرب");
      await nationality.selectOption("MA");
      await p.getByRole("button", { name: ar("people.profile.submit") }).click();
      await expect(p.getByRole("status").filter({ hasText: ar("common.notice.profileSaved") })).toBeVisible();
      // The birth year is kept as given; the age band follows from it.
      const band = ageBandFor(1990);
      await expect(p.getByLabel(ar("people.facts.ageBand.label"))).toHaveValue(band);
      await expect(p.getByLabel(ar("people.facts.birthYear"))).toHaveValue("1990");
      const profile = withDb((db) => db.prepare(`SELECT sex, ageBand, birthYear, profession, regionId, city, nationality FROM "Profile" WHERE userId = ?`).get(manager.id));
      expect(profile).toEqual({ sex: "woman", ageBand: band, birthYear: 1990, profession: "social_worker", regionId: "MA-03", city: "مكناس", nationality: "MA" });
      // Choosing the organisation one manages keeps the role.
      expect(membershipsOf(manager.id).at(-1)).toEqual({ organisation: orgName, role: "manager", current: 1 });
      await expectNoHorizontalScroll(p);

      await test.step("the manager sees their member, opens them, and invites a colleague", async () => {
        await p.goto("/org");
        await expect(p.getByRole("heading", { level: 1 })).toHaveText(ar("organisations.org.title"));
        await expect(p.getByRole("navigation", { name: ar("organisations.org.navLabel") }).getByRole("link", { name: ar("organisations.org.nav.reports") })).toHaveAttribute("href", "/org/reports");
        const row = p.getByRole("row").filter({ hasText: member.name });
        await expect(row).toHaveCount(1);
        await expect(p.getByRole("row").filter({ hasText: outsider.name })).toHaveCount(0);
        await expect(p.getByRole("status")).toHaveText(ar("organisations.org.count", { count: 2 }));
        await expectNoSeriousA11yViolations(p);
        await expectNoHorizontalScroll(p);
        await row.getByRole("link", { name: member.name }).click();
        await expect(p.getByRole("heading", { level: 1 })).toHaveText(member.name);
        await expect(p.getByText(ar("organisations.member.noEnrolments"))).toBeVisible();
        await expectNoSeriousA11yViolations(p);
        await expectNoHorizontalScroll(p);

        await p.getByRole("link", { name: ar("organisations.org.nav.invite") }).click();
        await expect(p.getByRole("heading", { level: 1 })).toHaveText(ar("organisations.invite.title"));
        await expectNoSeriousA11yViolations(p);
        await expectNoHorizontalScroll(p);
        await p.getByLabel(ar("organisations.invite.email")).fill(outsider.email);
        await p.getByRole("button", { name: ar("organisations.invite.submit") }).click();
        await expect(p.getByRole("status").filter({ hasText: ar("organisations.invite.sent") })).toBeVisible();
        const mail = await readLatestEmail(outsider.email, { containing: `/account/profile?join=${organisationId}` });
        expect(mail.subject).toBe(fr("organisations.invitation.subject", { organisation: orgName }));
        // An invitation changes nothing until it is accepted.
        expect(membershipsOf(outsider.id)).toEqual([{ organisation: `Préfecture ${outsider.name}`, role: "member", current: 1 }]);
      });

      await test.step("a member of another organisation is not found, in the browser and over plain HTTP", async () => {
        const response = await p.goto(`/org/members/${outsider.id}`);
        expect(response?.status()).toBe(404);
        await expect(p.getByRole("heading", { level: 1 })).toHaveText(ar("common.error.notFoundTitle"));
        await expect(p.getByText(outsider.name)).toHaveCount(0);
      });
      await phone.done();
    });

    const cookie = `${SESSION_COOKIE}=${createSessionFor(manager.email)}`;
    const own = await request.get(`/org/members/${member.id}`, { headers: { cookie }, maxRedirects: 0 });
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain(member.name);
    for (const id of [outsider.id, "not-a-person"]) {
      const other = await request.get(`/org/members/${id}`, { headers: { cookie }, maxRedirects: 0 });
      expect(other.status()).toBe(404);
      expect(await other.text()).not.toContain(outsider.name);
    }
    // Nor does the list or a search reach beyond the organisation.
    const search = await request.get(`/org?q=${encodeURIComponent(outsider.name)}`, { headers: { cookie } });
    expect(await search.text()).not.toContain(outsider.email);
  });
});

test.describe("personal data and deletion", () => {
  // The refused login once the account is gone answers 400.
  test.use({ allowedConsoleErrors: [/status of 400 .*\/login\.data/] });

  async function expectLoginRefused(page: Page, email: string, password: string) {
    await page.goto("/login");
    await page.getByLabel(fr("auth.fields.email")).fill(email);
    await page.getByLabel(fr("auth.fields.password"), { exact: true }).fill(password);
    await page.getByRole("button", { name: fr("auth.login.submit") }).click();
    await expect(page.getByText(fr("auth.errors.invalidCredentials"))).toBeVisible();
  }

  test("a learner downloads everything held about them, asks for deletion, an admin confirms, and the account is gone", async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const m = marker();
    const learner = await createUser({ name: `Samira Export ${m}` });
    const other = await createUser({ name: `Hamza Autre ${m}` });
    const admin = await createUser({ name: "Adil Admin", role: "admin" });
    enrol(learner.email, TRAFFICKING_COURSE);
    const mine = `Mon sujet à moi ${m}: les travailleuses saisonnières.`;
    const theirs = `Le sujet de Hamza ${m}`;
    createSubmission(learner.email, MEDIA_COURSE, "story-pitch", mine);
    createSubmission(other.email, MEDIA_COURSE, "story-pitch", theirs);
    const response12 = `Ma réponse au module ${m}`;
    createScormAttempt(learner.email, TRAFFICKING_COURSE, { "cmi.core.lesson_status": "incomplete", "cmi.interactions.0.student_response": response12 });
    await page.setViewportSize(PHONE);
    await loginAs(page, learner.email);

    await test.step("the data page shows the account and the work; the JSON download holds the same, and nobody else's", async () => {
      await page.goto("/account");
      await page.getByRole("link", { name: fr("people.account.data") }).click();
      await expect(page).toHaveURL("/me/data");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("people.data.title"));
      await expect(page.getByText(learner.email)).toBeVisible();
      await expect(page.getByText(mine)).toBeVisible();
      await expect(page.getByText(theirs)).toHaveCount(0);
      // Folded away, and readable on a phone once unfolded (long element names do not squeeze the values to nothing).
      await page.getByText(fr("people.data.scorm.data")).click();
      await expect(page.getByText(response12)).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await expectNoHorizontalScroll(page);

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: fr("people.data.download") }).click()]);
      expect(download.suggestedFilename()).toMatch(/^tadrib-data-\d{4}-\d{2}-\d{2}\.json$/);
      const text = fs.readFileSync((await download.path())!, "utf8");
      const data = JSON.parse(text);
      expect(data.account).toMatchObject({ id: learner.id, name: learner.name, email: learner.email });
      expect(data.submissions.map((s: { text: string }) => s.text)).toEqual([mine]);
      expect(data.scormAttempts.map((a: { status: string; data: Record<string, string> }) => [a.status, a.data["cmi.interactions.0.student_response"]])).toEqual([["incomplete", response12]]);
      expect(data.enrolments.map((e: { course: { slug: string } }) => e.course.slug).sort()).toEqual([MEDIA_COURSE, TRAFFICKING_COURSE].sort());
      expect(data.security.loginSessions.length).toBeGreaterThanOrEqual(1);
      for (const foreign of [other.id, other.email, other.name, theirs]) expect(text).not.toContain(foreign);

      const response = await request.get("/me/data.json", { headers: { cookie: `${SESSION_COOKIE}=${createSessionFor(learner.email)}` } });
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="tadrib-data-/);
      expect(response.headers()["cache-control"]).toBe("private, no-store");
      expect((await response.json()).account.email).toBe(learner.email);
    });

    await test.step("the learner asks for deletion; asking again keeps one open request", async () => {
      await page.getByRole("button", { name: fr("people.data.deletion.request") }).click();
      await expect(page.getByRole("status").filter({ hasText: fr("people.data.deletion.done.requested") })).toBeVisible();
      await expect(page.getByRole("button", { name: fr("people.data.deletion.withdraw") })).toBeVisible();
      const cookie = `${SESSION_COOKIE}=${createSessionFor(learner.email)}`;
      const again = await request.post("/me/data", { headers: { cookie }, form: { intent: "request" }, maxRedirects: 0 });
      expect(again.status()).toBe(302);
      const open = withDb((db) => (db.prepare(`SELECT count(*) AS n FROM "DeletionRequest" WHERE userId = ? AND status = 'requested'`).get(learner.id) as { n: number }).n);
      expect(open).toBe(1);
    });

    await test.step("an admin confirms it, after ticking that it cannot be undone", async () => {
      const desk = await browserOf(browser, admin.email);
      const a = desk.page;
      await a.goto("/admin/deletions");
      await expect(a.getByRole("heading", { level: 1 })).toHaveText(fr("people.deletions.title"));
      await expectNoSeriousA11yViolations(a);
      const request = a.getByRole("listitem").filter({ has: a.getByRole("heading", { name: learner.name }) });
      await waitForHydration(a);
      await request.getByRole("button", { name: literal(fr("people.deletions.confirm")) }).click();
      await expect(request.getByText(fr("people.deletions.errors.understood"))).toBeVisible();
      await request.getByRole("checkbox").check();
      await request.getByRole("button", { name: literal(fr("people.deletions.confirm")) }).click();
      await expect(a.getByRole("status").filter({ hasText: fr("people.deletions.done.confirmed") })).toBeVisible();
      const decided = a.getByRole("table", { name: fr("people.deletions.decidedTitle") });
      await expect(decided.getByRole("row").filter({ hasText: `Personne supprimée ${learner.id.slice(-6).toUpperCase()}` })).toContainText(fr("people.deletions.statuses.confirmed"));
      await expect(a.getByText(learner.name)).toHaveCount(0);
      await expectNoSeriousA11yViolations(a);
      await desk.done();
    });

    await test.step("the person is logged out, cannot log in again, and nothing of theirs is left on their row", async () => {
      await page.goto("/me/data");
      await expect(page).toHaveURL(/\/login\?redirectTo=/);
      await expectLoginRefused(page, learner.email, learner.password);
      const row = withDb((db) => db.prepare(`SELECT name, email, phone, deletedAt FROM "User" WHERE id = ?`).get(learner.id)) as Record<string, string | null>;
      expect(row).toMatchObject({ name: `Personne supprimée ${learner.id.slice(-6).toUpperCase()}`, email: null, phone: null });
      expect(row.deletedAt).not.toBeNull();
      const texts = withDb((db) => db.prepare(`SELECT text FROM "Submission" WHERE userId = ?`).all(learner.id));
      expect(texts).toEqual([{ text: "" }]);
      // The other learner is untouched.
      expect(withDb((db) => db.prepare(`SELECT text FROM "Submission" WHERE userId = ?`).all(other.id))).toEqual([{ text: theirs }]);
    });
  });
});
