import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { createAuthSession } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { action as adminAction, loader as adminLoader } from "~/routes/admin_.certificates";
import { loader as pdfLoader } from "~/routes/me.certificates.$file";
import { loader as verifyCodeLoader } from "~/routes/verify.$code";
import { loader as verifyIndexLoader } from "~/routes/verify._index";
import { issueCertificateForCompletion } from "./certificates.server";
import { formatCertificateCode } from "./code.server";
import { catalogCourse, createUser, completionFor } from "../../tests/setup/db-fixtures";

/** The certificate routes' loaders and actions, called the way Remix calls them. */
type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>;
type Outcome = { status: number; body: Record<string, unknown> | null; headers: Headers; response?: Response };

async function call(
  handler: Handler,
  url: string,
  { params = {}, ip = "198.51.100.1", cookie, form }: { params?: Record<string, string>; ip?: string; cookie?: string; form?: Record<string, string> } = {},
): Promise<Outcome> {
  const request = new Request(`http://localhost${url}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
    headers: cookie ? { cookie } : {},
  });
  let result: unknown;
  try {
    result = await handler({ request, context: { clientIp: ip }, params });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, body: null, headers: result.headers, response: result };
  const wrapped = result as { data?: unknown; init?: ResponseInit | null; type?: string };
  if (wrapped?.type === "DataWithResponseInit") {
    return { status: wrapped.init?.status ?? 200, body: wrapped.data as Record<string, unknown>, headers: new Headers(wrapped.init?.headers) };
  }
  return { status: 200, body: result as Record<string, unknown>, headers: new Headers() };
}

async function person(role: "learner" | "reviewer" | "admin" = "learner", locale: Locale = "fr") {
  const user = await createUser({ name: "Hind Amrani", role, locale });
  const { token } = await createAuthSession(user.id);
  return { user, cookie: `tadrib_session=${token}` };
}

async function certified(userId: string) {
  const course = await catalogCourse(`course-${randomUUID().slice(0, 8)}`, {
    languages: ["fr", "ar", "en"],
    title: { fr: "Données sur les migrations", ar: "البيانات حول الهجرة", en: "Migration data" },
    summary: {},
    audience: {},
    hours: 4,
  });
  const completion = await completionFor(userId, course.id, new Date("2026-10-01T08:00:00Z"));
  return (await issueCertificateForCompletion(completion.id, { catalog: { courses: [course] } }))!;
}

describe("/verify", () => {
  test("a typed code is sent on to its page; a malformed one stays on the form with an error", async () => {
    const redirect = await call(verifyIndexLoader, "/verify?code=abcd%20efgh%20jkmn%20pqrs%20tvwx");
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe("/verify/ABCD-EFGH-JKMN-PQRS-TVWX");
    const bad = await call(verifyIndexLoader, "/verify?code=hello");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ typed: "hello", error: "certificates.verify.invalidCode" });
  });

  test("/verify/<code> says valid with only name, course and date; unknown codes get 404", async () => {
    const { user } = await person();
    const certificate = await certified(user.id);
    const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
    const valid = await call(verifyCodeLoader, "/", { params: { code: certificate.code.toLowerCase() }, ip });
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({
      kind: "result",
      code: formatCertificateCode(certificate.code),
      result: { status: "valid", name: "Hind Amrani", course: "Données sur les migrations", date: new Date("2026-10-01T08:00:00Z"), expiresAt: null },
    });
    expect(valid.headers.get("X-Robots-Tag")).toContain("noindex");
    const unknown = await call(verifyCodeLoader, "/", { params: { code: "ABCD-EFGH-JKMN-PQRS-TVWX" }, ip });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ kind: "result", result: { status: "unknown" } });
  });

  test("is rate-limited per IP: the 31st check in a minute gets 429, another IP does not", async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < 30; i++) {
      expect((await call(verifyCodeLoader, "/", { params: { code: "ABCD-EFGH-JKMN-PQRS-TVWX" }, ip })).status).toBe(404);
    }
    const limited = await call(verifyCodeLoader, "/", { params: { code: "ABCD-EFGH-JKMN-PQRS-TVWX" }, ip });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ kind: "rate-limited" });
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await call(verifyCodeLoader, "/", { params: { code: "ABCD-EFGH-JKMN-PQRS-TVWX" }, ip: "203.0.113.100" })).status).toBe(404);
  });
});

describe("/me/certificates/<id>.pdf", () => {
  test("the owner downloads a PDF; another learner gets 404; anonymous visitors are sent to log in", async () => {
    const owner = await person("learner", "ar");
    const certificate = await certified(owner.user.id);
    const ok = await call(pdfLoader, "/", { params: { file: `${certificate.id}.pdf` }, cookie: owner.cookie });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/pdf");
    expect(ok.headers.get("Content-Disposition")).toContain(`certificate-${formatCertificateCode(certificate.code)}.pdf`);
    const pdf = Buffer.from(await ok.response!.arrayBuffer());
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf, encoding: "utf8" });
    expect(text).toContain("البيانات حول الهجرة");

    const stranger = await person();
    expect((await call(pdfLoader, "/", { params: { file: `${certificate.id}.pdf` }, cookie: stranger.cookie })).status).toBe(404);
    expect((await call(pdfLoader, "/", { params: { file: `${certificate.id}.txt` }, cookie: owner.cookie })).status).toBe(404);
    const anonymous = await call(pdfLoader, "/", { params: { file: `${certificate.id}.pdf` } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("/admin/certificates", () => {
  test("only admins may list or act", async () => {
    const learner = await person();
    expect((await call(adminLoader, "/admin/certificates", { cookie: learner.cookie })).status).toBe(403);
    const certificate = await certified(learner.user.id);
    const post = await call(adminAction, "/admin/certificates", {
      cookie: learner.cookie,
      form: { intent: "revoke", id: certificate.id, reason: "Because" },
    });
    expect(post.status).toBe(403);
    expect((await db.certificate.findUniqueOrThrow({ where: { id: certificate.id } })).revokedAt).toBeNull();
  });

  test("revoking without a reason changes nothing; with one it redirects and /verify says revoked", async () => {
    const admin = await person("admin");
    const { user } = await person();
    const certificate = await certified(user.id);
    const refused = await call(adminAction, "/admin/certificates", { cookie: admin.cookie, form: { intent: "revoke", id: certificate.id, reason: " " } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ ok: false, formId: `revoke-${certificate.id}` });
    expect((await db.certificate.findUniqueOrThrow({ where: { id: certificate.id } })).revokedAt).toBeNull();

    const done = await call(adminAction, "/admin/certificates?q=hind", {
      cookie: admin.cookie,
      form: { intent: "revoke", id: certificate.id, reason: "Certificate issued to the wrong person" },
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/admin/certificates?q=hind&done=revoked");
    const verified = await call(verifyCodeLoader, "/", { params: { code: certificate.code }, ip: "192.0.2.250" });
    expect(verified.body).toMatchObject({ result: { status: "revoked" } });

    const reissued = await call(adminAction, "/admin/certificates", { cookie: admin.cookie, form: { intent: "reissue", id: certificate.id } });
    expect(reissued.headers.get("Location")).toBe("/admin/certificates?done=reissued");
    const again = await call(adminAction, "/admin/certificates", { cookie: admin.cookie, form: { intent: "reissue", id: certificate.id } });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain("certificates.admin.errors.alreadyReissued");
  });
});
