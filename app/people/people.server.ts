import { db } from "~/db/client.server";
import type { Prisma, User } from "~/db/generated/client";
import { cleanUserText } from "~/i18n/user-text";
import { normalizePhone } from "./phone";

/**
 * A person is counted once, however they were trained: imports and
 * attendance sheets find people by email, then by phone, before making
 * anyone new. A person made here has no password (they can set one later
 * with "forgotten password" if they have an email).
 */
type Tx = Prisma.TransactionClient;

export type PersonInput = { name: string; email?: string | null; phone?: string | null; locale?: "fr" | "ar" | "en" };

export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email ? email : null;
}

/** The existing person with this email, else with this phone; null if neither is known. Deleted people never match. */
export async function findPerson(input: { email?: string | null; phone?: string | null }, client: Tx = db): Promise<User | null> {
  const email = normalizeEmail(input.email);
  const phone = normalizePhone(input.phone ?? null);
  if (email) {
    const byEmail = await client.user.findUnique({ where: { email } });
    if (byEmail && !byEmail.deletedAt) return byEmail;
  }
  if (phone) {
    const byPhone = await client.user.findUnique({ where: { phone } });
    if (byPhone && !byPhone.deletedAt) return byPhone;
  }
  return null;
}

/**
 * The person, found (email, then phone) or made. A match keeps its name;
 * an email or phone it lacked is added when no one else has it.
 */
export async function findOrCreatePerson(input: PersonInput, client: Tx = db): Promise<{ person: User; created: boolean }> {
  const email = normalizeEmail(input.email);
  const phone = normalizePhone(input.phone ?? null);
  const existing = await findPerson({ email, phone }, client);
  if (existing) {
    const fill: Prisma.UserUpdateInput = {};
    if (!existing.email && email && !(await client.user.findUnique({ where: { email } }))) fill.email = email;
    if (!existing.phone && phone && !(await client.user.findUnique({ where: { phone } }))) fill.phone = phone;
    const person = Object.keys(fill).length ? await client.user.update({ where: { id: existing.id }, data: fill }) : existing;
    return { person, created: false };
  }
  const person = await client.user.create({
    data: { name: cleanUserText(input.name).trim(), email, phone, locale: input.locale ?? "fr", role: "learner" },
  });
  return { person, created: true };
}
