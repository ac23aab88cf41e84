import { describe, expect, it } from "vitest";
import { signupSchema } from "./forms";
import { hashPassword, PASSWORD_MAX_LENGTH, verifyPassword, verifyPasswordOrDummy } from "./password.server";

describe("password hashing", () => {
  it("produces an argon2id PHC string with OWASP parameters and a random salt", async () => {
    const a = await hashPassword("une phrase de passe");
    const b = await hashPassword("une phrase de passe");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const phc = await hashPassword("une phrase de passe");
    expect(await verifyPassword(phc, "une phrase de passe")).toBe(true);
    expect(await verifyPassword(phc, "une phrase de passE")).toBe(false);
    expect(await verifyPassword(phc, "")).toBe(false);
  });

  it("treats a malformed stored hash as a failed verification", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });

  it("runs a dummy verification and fails when there is no hash", async () => {
    expect(await verifyPasswordOrDummy(null, "anything at all")).toBe(false);
    const phc = await hashPassword("correct horse battery");
    expect(await verifyPasswordOrDummy(phc, "correct horse battery")).toBe(true);
  });
});

describe("password policy (signup form)", () => {
  const base = { name: "Nadia", email: "nadia@example.ma", locale: "fr", consent: true };
  const errorsFor = (password: string, email = base.email) => {
    const result = signupSchema.safeParse({ ...base, email, password });
    return result.success ? [] : result.error.issues.filter((i) => i.path[0] === "password").map((i) => i.message);
  };

  it("needs at least 10 characters", () => {
    expect(errorsFor("123456789")).toEqual(["auth.errors.passwordTooShort"]);
    expect(errorsFor("1234567890")).toEqual([]);
  });

  it("allows long passphrases up to the maximum", () => {
    expect(errorsFor("a".repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(errorsFor("a".repeat(PASSWORD_MAX_LENGTH + 1))).toEqual(["auth.errors.passwordTooLong"]);
  });

  it("refuses the email address, in any case, or its local part", () => {
    expect(errorsFor("Nadia@Example.MA")).toEqual(["auth.errors.passwordIsEmail"]);
    expect(errorsFor("nadia.benali", "nadia.benali@example.ma")).toEqual(["auth.errors.passwordIsEmail"]);
    expect(errorsFor("nadia@example.ma and more")).toEqual([]);
  });
});
