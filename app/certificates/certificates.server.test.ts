import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { appUrl } from "~/http/app-url.server";
import type { Locale } from "~/i18n/locales";
import {
  CertificateActionError,
  certificatePdfFor,
  issueCertificateForCompletion,
  issueMissingCertificates,
  listCertificatesForAdmin,
  listCertificatesForUser,
  reissueCertificate,
  revokeCertificate,
  verifyCertificate,
  verifyPath,
} from "./certificates.server";
import { formatCertificateCode } from "./code.server";
import { REISSUED_REASON } from "./forms";
import { catalogCourse, completionFor, createUser } from "../../tests/setup/db-fixtures";

const COMPLETED_AT = new Date("2026-11-20T09:30:00Z");

async function setup({ locale = "fr" as Locale, name = "Élodie Nguyễn", validityMonths = null as number | null } = {}) {
  const user = await createUser({ name, locale });
  const course = await catalogCourse(`fair-recruitment-${randomUUID().slice(0, 8)}`, {
    languages: ["fr", "ar", "en"],
    title: { fr: "Recrutement équitable", ar: "التوظيف العادل", en: "Fair recruitment" },
    summary: {},
    audience: {},
    hours: 6,
    validityMonths,
  });
  const completion = await completionFor(user.id, course.id, COMPLETED_AT);
  return { user, course, completion, catalog: { courses: [course] } };
}

const admin = () => createUser({ name: "Admin", role: "admin" });

describe("issueCertificateForCompletion", () => {
  test("issues one certificate with the learner's name, the course in their language and its hours", async () => {
    const { user, completion, catalog } = await setup({ locale: "ar", name: "فاطمة الزهراء بنعلي" });
    const certificate = await issueCertificateForCompletion(completion.id, { catalog });
    expect(certificate).toMatchObject({
      userId: user.id,
      completionId: completion.id,
      activeCompletionId: completion.id,
      locale: "ar",
      learnerName: "فاطمة الزهراء بنعلي",
      courseTitle: "التوظيف العادل",
      hours: 6,
      revokedAt: null,
    });
    expect(certificate!.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
  });

  test("is idempotent, also when called concurrently", async () => {
    const { completion, catalog } = await setup();
    const first = await issueCertificateForCompletion(completion.id, { catalog });
    const again = await Promise.all(Array.from({ length: 6 }, () => issueCertificateForCompletion(completion.id, { catalog })));
    expect(new Set(again.map((c) => c?.id))).toEqual(new Set([first!.id]));
    expect(await db.certificate.count({ where: { completionId: completion.id } })).toBe(1);
  });

  test("concurrent first calls still leave exactly one certificate", async () => {
    const { completion, catalog } = await setup();
    const results = await Promise.all(Array.from({ length: 6 }, () => issueCertificateForCompletion(completion.id, { catalog })));
    expect(new Set(results.map((c) => c?.id)).size).toBe(1);
    expect(await db.certificate.count({ where: { completionId: completion.id } })).toBe(1);
  });

  test("keeps what it certified when the person's name changes later", async () => {
    const { user, completion, catalog } = await setup({ name: "Zoë Ferrández" });
    const certificate = await issueCertificateForCompletion(completion.id, { catalog });
    await db.user.update({ where: { id: user.id }, data: { name: "Zoë Martin" } });
    expect(await verifyCertificate(certificate!.code)).toMatchObject({ status: "valid", name: "Zoë Ferrández" });
  });
});

describe("verifyCertificate", () => {
  test("says valid with name, course and completion date, and nothing else", async () => {
    const { completion, catalog } = await setup();
    const certificate = await issueCertificateForCompletion(completion.id, { catalog });
    const result = await verifyCertificate(certificate!.code);
    expect(result).toEqual({ status: "valid", name: "Élodie Nguyễn", course: "Recrutement équitable", date: COMPLETED_AT, expiresAt: null });
  });

  test("says when a refresher course's certificate stops being valid, and expired after that", async () => {
    const { completion, catalog } = await setup({ validityMonths: 24 });
    const certificate = await issueCertificateForCompletion(completion.id, { catalog });
    const expiresAt = new Date("2028-11-20T09:30:00Z");
    expect(certificate?.expiresAt).toEqual(expiresAt);
    expect(await verifyCertificate(certificate!.code, new Date("2028-11-19T00:00:00Z"))).toMatchObject({ status: "valid", expiresAt });
    expect(await verifyCertificate(certificate!.code, new Date("2028-11-21T00:00:00Z"))).toMatchObject({ status: "expired", expiresAt });
    const [summary] = await listCertificatesForUser(certificate!.userId);
    expect(summary.expiresAt).toEqual(expiresAt);
  });

  test("accepts the code as people type it", async () => {
    const { completion, catalog } = await setup();
    const { code } = (await issueCertificateForCompletion(completion.id, { catalog }))!;
    expect((await verifyCertificate(formatCertificateCode(code).toLowerCase())).status).toBe("valid");
    expect((await verifyCertificate(` ${code.slice(0, 10)} ${code.slice(10)} `)).status).toBe("valid");
  });

  test("says unknown for a well-formed code nobody holds, and for garbage", async () => {
    expect(await verifyCertificate("ABCD-EFGH-JKMN-PQRS-TVWX")).toEqual({ status: "unknown" });
    expect(await verifyCertificate("not a code")).toEqual({ status: "unknown" });
    expect(await verifyCertificate("")).toEqual({ status: "unknown" });
  });
});

describe("revokeCertificate", () => {
  test("needs a reason, and changes nothing without one", async () => {
    const { completion, catalog } = await setup();
    const certificate = await issueCertificateForCompletion(completion.id, { catalog });
    const { id } = await admin();
    await expect(revokeCertificate(certificate!.id, "   ", id)).rejects.toThrow(CertificateActionError);
    expect((await verifyCertificate(certificate!.code)).status).toBe("valid");
  });

  test("makes /verify say revoked, keeps the first reason, and is not undone by issuing again", async () => {
    const { completion, catalog } = await setup();
    const certificate = await issueCertificateForCompletion(completion.id, { catalog });
    const { id: adminId } = await admin();
    const revoked = await revokeCertificate(certificate!.id, "Identity fraud", adminId);
    expect(revoked).toMatchObject({ revokedReason: "Identity fraud", revokedById: adminId, activeCompletionId: null });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await verifyCertificate(certificate!.code)).toMatchObject({ status: "revoked", name: "Élodie Nguyễn" });

    const again = await revokeCertificate(certificate!.id, "Another reason", adminId);
    expect(again.revokedReason).toBe("Identity fraud");
    expect(await issueCertificateForCompletion(completion.id, { catalog })).toBeNull();
    expect(await db.certificate.count({ where: { completionId: completion.id } })).toBe(1);
  });

  test("refuses an unknown certificate", async () => {
    const { id } = await admin();
    await expect(revokeCertificate("no-such-id", "Typo", id)).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("reissueCertificate", () => {
  test("revokes the old code and issues a new one with the corrected name", async () => {
    const { user, completion, catalog } = await setup({ name: "Elodie Nguyen" });
    const old = (await issueCertificateForCompletion(completion.id, { catalog }))!;
    await db.user.update({ where: { id: user.id }, data: { name: "Élodie Nguyễn" } });
    const { id: adminId } = await admin();

    const fresh = await reissueCertificate(old.id, adminId, { catalog });
    expect(fresh.code).not.toBe(old.code);
    expect(fresh).toMatchObject({ replacesId: old.id, learnerName: "Élodie Nguyễn", activeCompletionId: completion.id });
    expect(await db.certificate.findUnique({ where: { id: old.id } })).toMatchObject({
      revokedReason: REISSUED_REASON,
      revokedById: adminId,
      activeCompletionId: null,
    });
    expect((await verifyCertificate(old.code)).status).toBe("revoked");
    expect(await verifyCertificate(fresh.code)).toMatchObject({ status: "valid", name: "Élodie Nguyễn" });

    await expect(reissueCertificate(old.id, adminId, { catalog })).rejects.toMatchObject({ code: "already-reissued" });
    expect(await db.certificate.count({ where: { completionId: completion.id, revokedAt: null } })).toBe(1);
  });

  test("brings back a revoked certificate under a new code, keeping the revocation's reason", async () => {
    const { completion, catalog } = await setup();
    const old = (await issueCertificateForCompletion(completion.id, { catalog }))!;
    const { id: adminId } = await admin();
    await revokeCertificate(old.id, "Revoked by mistake", adminId);
    const fresh = await reissueCertificate(old.id, adminId, { catalog });
    expect((await db.certificate.findUnique({ where: { id: old.id } }))!.revokedReason).toBe("Revoked by mistake");
    expect((await verifyCertificate(fresh.code)).status).toBe("valid");
  });
});

describe("listing", () => {
  test("a learner sees their own certificates, revoked ones marked", async () => {
    const a = await setup();
    const b = await setup();
    const certificate = (await issueCertificateForCompletion(a.completion.id, { catalog: a.catalog }))!;
    await issueCertificateForCompletion(b.completion.id, { catalog: b.catalog });
    const { id: adminId } = await admin();
    const fresh = await reissueCertificate(certificate.id, adminId, { catalog: a.catalog });

    const list = await listCertificatesForUser(a.user.id);
    expect(list.map((c) => [c.id, c.status])).toEqual([
      [fresh.id, "valid"],
      [certificate.id, "revoked"],
    ]);
    expect(list[0]).toMatchObject({ code: formatCertificateCode(fresh.code), courseTitle: "Recrutement équitable", completedAt: COMPLETED_AT });
  });

  test("admins find certificates by code, name or e-mail", async () => {
    const { user, completion, catalog } = await setup({ name: "Yasmine Haddad" });
    const certificate = (await issueCertificateForCompletion(completion.id, { catalog }))!;
    for (const query of [formatCertificateCode(certificate.code).toLowerCase(), "Yasmine Had", user.email!]) {
      const found = await listCertificatesForAdmin(query);
      expect(found.map((c) => c.id)).toEqual([certificate.id]);
      expect(found[0]).toMatchObject({ email: user.email, learnerName: "Yasmine Haddad", reissued: false });
    }
  });

  test("LIKE wildcards in the search are taken literally", async () => {
    const plain = await setup({ name: "Omar Benali" });
    await issueCertificateForCompletion(plain.completion.id, { catalog: plain.catalog });
    const odd = await setup({ name: "Nadia 100%_sure" });
    const oddCertificate = (await issueCertificateForCompletion(odd.completion.id, { catalog: odd.catalog }))!;
    expect(await listCertificatesForAdmin("%")).toHaveLength(1);
    expect((await listCertificatesForAdmin("%"))[0].id).toBe(oddCertificate.id);
    expect((await listCertificatesForAdmin("_")).map((c) => c.id)).toEqual([oddCertificate.id]);
    expect(await listCertificatesForAdmin("Omar%Benali")).toEqual([]);
    expect(await listCertificatesForAdmin("\\")).toEqual([]);
    expect((await listCertificatesForAdmin("omar benali")).map((c) => c.learnerName)).toEqual(["Omar Benali"]);
  });

  test("issueMissingCertificates covers completions that never had one, not revoked ones", async () => {
    const { user, completion, catalog } = await setup();
    const other = await db.course.create({ data: { slug: `other-${randomUUID().slice(0, 8)}` } });
    const revokedCompletion = await completionFor(user.id, other.id, COMPLETED_AT);
    const bothCourses = { courses: [...catalog.courses, { ...catalog.courses[0], id: other.id, slug: other.slug }] };
    const revoked = (await issueCertificateForCompletion(revokedCompletion.id, { catalog: bothCourses }))!;
    await revokeCertificate(revoked.id, "Completed by someone else", (await admin()).id);

    expect(await issueMissingCertificates(user.id, { catalog: bothCourses })).toBe(1);
    expect(await db.certificate.count({ where: { completionId: completion.id, revokedAt: null } })).toBe(1);
    expect(await db.certificate.count({ where: { completionId: revokedCompletion.id, revokedAt: null } })).toBe(0);
    expect(await issueMissingCertificates(user.id, { catalog: bothCourses })).toBe(0);
  });
});

describe("certificatePdfFor", () => {

  test("the owner and admins get the PDF, in the certificate's language; nobody else does", async () => {
    const { user, completion, catalog } = await setup({ locale: "en", name: "Zoë Ferrández" });
    const certificate = (await issueCertificateForCompletion(completion.id, { catalog }))!;
    const stranger = await db.user.create({ data: { email: `x-${randomUUID()}@example.org`, name: "X" } });
    const boss = await admin();

    const own = await certificatePdfFor(certificate.id, user);
    expect(own?.filename).toBe(`certificate-${formatCertificateCode(certificate.code)}.pdf`);
    const text = execFileSync("pdftotext", ["-", "-"], { input: own!.pdf, encoding: "utf8" });
    expect(text).toContain("Certificate of completion");
    expect(text).toContain("Zoë Ferrández");
    expect(text).toContain(appUrl(verifyPath(certificate.code)));

    expect(await certificatePdfFor(certificate.id, stranger)).toBeNull();
    expect(await certificatePdfFor(certificate.id, boss)).not.toBeNull();

    await revokeCertificate(certificate.id, "Wrong person", boss.id);
    expect(await certificatePdfFor(certificate.id, user)).toBeNull();
    expect(await certificatePdfFor(certificate.id, boss)).not.toBeNull();
    expect(await certificatePdfFor("missing", boss)).toBeNull();
  });
});
