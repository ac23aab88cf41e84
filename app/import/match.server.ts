import type { OrganisationType, Prisma } from "~/db/generated/client";
import { inChunks, newRowId } from "~/db/sql.server";
import type { Column } from "./columns";
import { fold } from "./fold";
import type { PlannedPerson } from "./validate.server";
import type { Problems, RowValues } from "./read-row.server";

/** Who each row of an import file is, and which organisation it names. */
type Tx = Prisma.TransactionClient;

type Known = { id: string; email: string | null; phone: string | null; deletedAt: Date | null };

async function knownPeople(client: Tx, rows: RowValues[]) {
  const emails = [...new Set(rows.map((r) => r.email).filter((e): e is string => Boolean(e)))];
  const phones = [...new Set(rows.map((r) => r.phone).filter((p): p is string => Boolean(p)))];
  const select = { id: true, email: true, phone: true, deletedAt: true } as const;
  const byEmail = new Map<string, Known>();
  const byPhone = new Map<string, Known>();
  for (const chunk of inChunks(emails)) for (const u of await client.user.findMany({ where: { email: { in: chunk } }, select })) byEmail.set(u.email!, u);
  for (const chunk of inChunks(phones)) for (const u of await client.user.findMany({ where: { phone: { in: chunk } }, select })) byPhone.set(u.phone!, u);
  return { byEmail, byPhone };
}

type Ref = { userId: string; firstRow: number; existing: boolean };

/**
 * Who each row is, as findOrCreatePerson would decide it row after row: the
 * person with the email, else the one with the phone (people made or given
 * an email or phone by earlier rows included), else someone new. Two rows
 * that come to the same person are refused: the second would silently merge
 * two people or contradict the first.
 */
export async function resolvePeople(client: Tx, rows: RowValues[], problems: Problems, columnName: (c: Column) => string | null) {
  const { byEmail, byPhone } = await knownPeople(client, rows);
  const knownById = new Map([...byEmail.values(), ...byPhone.values()].map((u) => [u.id, u]));
  // Emails and phones as they will be once the earlier rows are written: each points to its person.
  const emailRef = new Map<string, Ref>();
  const phoneRef = new Map<string, Ref>();
  const existingRefs = new Map<string, Ref>();
  const existing = (u: Known | undefined): Ref | undefined => {
    if (!u) return undefined;
    if (!existingRefs.has(u.id)) existingRefs.set(u.id, { userId: u.id, firstRow: 0, existing: true });
    return existingRefs.get(u.id);
  };
  const emailFree = (e: string) => !byEmail.has(e) && !emailRef.has(e);
  const phoneFree = (p: string) => !byPhone.has(p) && !phoneRef.has(p);
  const resolved: { values: RowValues; ref: Ref; fill: PlannedPerson["fill"] }[] = [];

  for (const values of rows) {
    const { email, phone } = values;
    const deletedBy = email && byEmail.get(email)?.deletedAt ? "email" : phone && byPhone.get(phone)?.deletedAt ? "phone" : null;
    if (deletedBy) {
      problems.add(values.row, columnName(deletedBy), "deletedAccount");
      continue;
    }
    let ref = (email && (emailRef.get(email) ?? existing(byEmail.get(email)))) || (phone && (phoneRef.get(phone) ?? existing(byPhone.get(phone)))) || undefined;
    if (ref?.firstRow) {
      problems.add(values.row, null, "samePersonAs", { row: ref.firstRow });
      continue;
    }
    const fill: PlannedPerson["fill"] = {};
    if (ref) {
      ref.firstRow = values.row;
      const known = knownById.get(ref.userId)!;
      if (!known.email && email && emailFree(email)) fill.email = email;
      if (!known.phone && phone && phoneFree(phone)) fill.phone = phone;
      for (const e of [known.email, fill.email]) if (e) emailRef.set(e, ref);
      for (const p of [known.phone, fill.phone]) if (p) phoneRef.set(p, ref);
    } else {
      ref = { userId: newRowId(), firstRow: values.row, existing: false };
      if (email) emailRef.set(email, ref);
      if (phone) phoneRef.set(phone, ref);
    }
    resolved.push({ values, ref, fill });
  }
  return resolved;
}

/** Organisations by name (case, accents and spacing aside); a new one is made only when the row gives its type. */
export async function resolveOrganisations(client: Tx, rows: RowValues[], problems: Problems, columnName: (c: Column) => string | null) {
  const all = await client.organisation.findMany({ select: { id: true, name: true } });
  const byName = new Map<string, string[]>();
  for (const o of all) byName.set(fold(o.name), [...(byName.get(fold(o.name)) ?? []), o.id]);
  const created = new Map<string, { id: string; name: string; type: OrganisationType; row: number }>();
  const organisationOf = new Map<number, string>();
  for (const values of rows) {
    if (!values.organisation) continue;
    const key = fold(values.organisation);
    const known = byName.get(key);
    if (known && known.length > 1) problems.add(values.row, columnName("organisation"), "organisationAmbiguous", { value: values.organisation });
    else if (known) organisationOf.set(values.row, known[0]);
    else if (created.has(key)) {
      const first = created.get(key)!;
      if (values.organisationType && values.organisationType !== first.type) {
        problems.add(values.row, columnName("organisation_type"), "organisationTypeConflict", { row: first.row });
      } else organisationOf.set(values.row, first.id);
    } else if (values.organisationType) {
      const made = { id: newRowId(), name: values.organisation, type: values.organisationType, row: values.row };
      created.set(key, made);
      organisationOf.set(values.row, made.id);
    } else problems.add(values.row, columnName("organisation"), "organisationUnknown", { value: values.organisation });
  }
  return { organisationOf, newOrganisations: [...created.values()].map(({ id, name, type }) => ({ id, name, type })) };
}
