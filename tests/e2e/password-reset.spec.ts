import { type Page } from "@playwright/test";
import { createUser, expect, readLatestEmail, tFor, test } from "../setup/e2e-fixtures";

const t = tFor("fr");

async function logInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(t("auth.fields.email")).fill(email);
  await page.getByLabel(t("auth.fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("auth.login.submit") }).click();
}

const logoutButton = (page: Page) => page.getByRole("button", { name: t("common.nav.logout") });

test.describe("password reset", () => {
  // The refused login answers 400, which Chromium reports on the console: that 400 is expected here.
  test.use({ allowedConsoleErrors: [/status of 400 .*\/login\.data/] });

  test("a forgotten password is replaced through a one-time emailed link", async ({ page }) => {
    const user = await createUser({ name: "Youssef Reset" });
    const newPassword = "une nouvelle phrase de passe 2026";

    await page.goto("/login");
    await page.getByRole("link", { name: t("auth.login.forgotLink") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("auth.forgot.title"));
    await page.getByLabel(t("auth.fields.email")).fill(user.email);
    await page.getByRole("button", { name: t("auth.forgot.submit") }).click();
    await expect(page.getByRole("status")).toContainText(user.email);

    const mail = await readLatestEmail(user.email, { containing: "/reset-password/" });
    const link = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec(mail.text)?.[0];
    expect(link, `a reset link in the mail:\n${mail.text}`).toBeTruthy();
    const resetPath = new URL(link!).pathname;

    await page.goto(resetPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("auth.reset.title"));
    await page.getByLabel(t("auth.fields.newPassword"), { exact: true }).fill(newPassword);
    await page.getByLabel(t("auth.fields.confirmPassword"), { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: t("auth.reset.submit") }).click();

    // Logged in straight away, as the account's owner.
    await expect(page).toHaveURL(/\/me(\?|$)/);
    await expect(logoutButton(page)).toBeVisible();
    await expect(page.locator(".site-header")).toContainText(user.name);

    await logoutButton(page).click();
    await expect(page.getByRole("link", { name: t("common.nav.login") })).toBeVisible();

    // The old password no longer opens the account…
    await logInThroughForm(page, user.email, user.password);
    await expect(page.getByRole("alert")).toContainText(t("auth.errors.invalidCredentials"));
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel(t("auth.fields.email"))).toHaveValue(user.email);

    // …the new one does.
    await logInThroughForm(page, user.email, newPassword);
    await expect(page).toHaveURL(/\/courses/);
    await expect(logoutButton(page)).toBeVisible();

    // The link was for one use only.
    await page.goto(resetPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("auth.reset.invalidTitle"));
    await expect(page.getByRole("button", { name: t("auth.reset.submit") })).toHaveCount(0);
  });

  test("the forgot-password form answers the same for an address with no account", async ({ page }) => {
    const unknown = `nobody-${Date.now()}@example.test`;
    await page.goto("/forgot-password");
    await page.getByLabel(t("auth.fields.email")).fill(unknown);
    await page.getByRole("button", { name: t("auth.forgot.submit") }).click();
    await expect(page.getByRole("status")).toHaveText(t("auth.forgot.sent", { email: unknown }));
    await expect(readLatestEmail(unknown, { timeoutMs: 500 })).rejects.toThrow(/no mail/);
  });
});
