import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { db } from "~/db/client.server";
import type { Locale } from "~/i18n/locales";
import { normalizePhone } from "~/people/phone";
import { findPerson } from "~/people/people.server";
import { organisationMemberActionSchema } from "./forms";
import { changeMemberRole, endMembership, joinOrganisation } from "./memberships.server";
import { regionName } from "./regions.server";

/** One organisation's admin page (/admin/organisations/<id>): its members, their earlier places, and its history. */

export const MEMBERS_PER_PAGE = 50;
const HISTORY_SHOWN = 50;

export async function organisationPage(id: string, locale: Locale, requestedPage: number) {
  const organisation = await db.organisation.findUnique({ where: { id }, include: { region: true } });
  if (!organisation) return null;
  const total = await db.membership.count({ where: { organisationId: id, endedAt: null } });
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const [members, history] = await Promise.all([
    db.membership.findMany({
      where: { organisationId: id, endedAt: null },
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      skip: (page - 1) * MEMBERS_PER_PAGE,
      take: MEMBERS_PER_PAGE,
      select: { id: true, role: true, startedAt: true, user: { select: { id: true, name: true, email: true, phone: true } } },
    }),
    db.membership.findMany({
      where: { organisationId: id, endedAt: { not: null } },
      orderBy: [{ endedAt: "desc" }, { id: "desc" }],
      take: HISTORY_SHOWN,
      select: { id: true, role: true, startedAt: true, endedAt: true, user: { select: { name: true } } },
    }),
  ]);
  // Where the current members were before: "shows where it helps" when a person was moved here from elsewhere.
  const earlier = await db.membership.findMany({
    where: { userId: { in: members.map((m) => m.user.id) }, endedAt: { not: null }, organisationId: { not: id } },
    orderBy: [{ endedAt: "desc" }, { id: "desc" }],
    select: { userId: true, startedAt: true, endedAt: true, organisation: { select: { id: true, name: true } } },
  });
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      type: organisation.type,
      region: organisation.region ? regionName(organisation.region.names, locale) : null,
      city: organisation.city,
      createdAt: organisation.createdAt.toISOString(),
    },
    total,
    page,
    pages,
    members: members.map((m) => ({
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      phone: m.user.phone,
      role: m.role,
      since: m.startedAt.toISOString(),
      earlier: earlier
        .filter((e) => e.userId === m.user.id)
        .map((e) => ({ organisationId: e.organisation.id, organisation: e.organisation.name, startedAt: e.startedAt.toISOString(), endedAt: e.endedAt!.toISOString() })),
    })),
    history: history.map((h) => ({
      id: h.id,
      name: h.user.name,
      role: h.role,
      startedAt: h.startedAt.toISOString(),
      endedAt: h.endedAt!.toISOString(),
    })),
  };
}

export type MemberActionOutcome =
  | { ok: true; done: "added" | "moved" | "already" | "role" | "ended" }
  | { ok: false; formId: string; result: SubmissionResult<string[]> };

/** The forms of an organisation's admin page: add a member, change a member's role, end a membership. */
export async function organisationMemberAction(organisationId: string, formData: FormData, now = new Date()): Promise<MemberActionOutcome> {
  const intent = String(formData.get("intent") ?? "");
  const formId = intent === "add" ? "add-member" : `${intent}-${String(formData.get("membershipId") ?? "")}`;
  const submission = parseWithZod(formData, { schema: organisationMemberActionSchema });
  if (submission.status !== "success") return { ok: false, formId, result: submission.reply() };
  const value = submission.value;
  if (value.intent === "add") {
    const contact = value.contact;
    const person = contact.includes("@") ? await findPerson({ email: contact }) : normalizePhone(contact) ? await findPerson({ phone: contact }) : null;
    if (!person) return { ok: false, formId, result: submission.reply({ fieldErrors: { contact: ["organisations.errors.personNotFound"] } }) };
    const joined = await joinOrganisation({ userId: person.id, organisationId, role: value.role }, now);
    return { ok: true, done: !joined.changed ? "already" : joined.leftOrganisationId ? "moved" : "added" };
  }
  // A membership of another organisation, or an ended one, is answered like one that does not exist.
  if (value.intent === "role") {
    if (!(await changeMemberRole(organisationId, value.membershipId, value.role, now))) throw new Response("Not Found", { status: 404 });
    return { ok: true, done: "role" };
  }
  if (!(await endMembership(organisationId, value.membershipId, now))) throw new Response("Not Found", { status: 404 });
  return { ok: true, done: "ended" };
}
