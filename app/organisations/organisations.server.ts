import { db } from "~/db/client.server";
import { Prisma, type OrganisationType } from "~/db/generated/client";
import { containsInsensitive } from "~/db/sql.server";
import type { Locale } from "~/i18n/locales";
import type { OrganisationInput } from "./forms";
import { regionExists, regionName } from "./regions.server";

/** Organisations, as admins list, create and edit them (/admin/organisations). */

export const ORGANISATIONS_PER_PAGE = 25;

export type OrganisationFilters = { q: string; type: OrganisationType | null; regionId: string | null; page: number };

/** Reads the list's filters from its query string; anything unknown is dropped, never an error. */
export function organisationFilters(params: URLSearchParams, types: readonly string[]): OrganisationFilters {
  const type = params.get("type");
  const page = Math.floor(Number(params.get("page") ?? "1"));
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    type: type && types.includes(type) ? (type as OrganisationType) : null,
    regionId: params.get("region")?.slice(0, 20) || null,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export async function listOrganisations(filters: OrganisationFilters, locale: Locale) {
  const where: Prisma.OrganisationWhereInput = {
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.regionId ? { regionId: filters.regionId } : {}),
  };
  if (filters.q) {
    // Prisma's `contains` leaves LIKE wildcards live: search in SQL that takes them literally.
    const matches = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Organisation" WHERE ${containsInsensitive(Prisma.sql`"name"`, filters.q)}`;
    where.id = { in: matches.map((m) => m.id) };
  }
  const total = await db.organisation.count({ where });
  const pages = Math.max(1, Math.ceil(total / ORGANISATIONS_PER_PAGE));
  const page = Math.min(filters.page, pages);
  const rows = await db.organisation.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * ORGANISATIONS_PER_PAGE,
    take: ORGANISATIONS_PER_PAGE,
    select: {
      id: true,
      name: true,
      type: true,
      city: true,
      region: { select: { names: true } },
      _count: { select: { memberships: { where: { endedAt: null } } } },
    },
  });
  return {
    total,
    page,
    pages,
    organisations: rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      city: row.city,
      region: row.region ? regionName(row.region.names, locale) : null,
      members: row._count.memberships,
    })),
  };
}

/** Every organisation by name, for the profile's select. */
export async function organisationChoices() {
  return db.organisation.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

export async function getOrganisation(id: string) {
  return db.organisation.findUnique({ where: { id } });
}

export type SaveOrganisationResult = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string[]> };

function cleanInput(input: OrganisationInput) {
  return { name: input.name, type: input.type, regionId: input.regionId || null, city: input.city || null };
}

/** Creates an organisation, or updates `id`; a region that does not exist is a field error. */
export async function saveOrganisation(input: OrganisationInput, id?: string): Promise<SaveOrganisationResult> {
  const data = cleanInput(input);
  if (data.regionId && !(await regionExists(data.regionId))) return { ok: false, fieldErrors: { regionId: ["organisations.errors.regionUnknown"] } };
  if (id) {
    await db.organisation.update({ where: { id }, data });
    return { ok: true, id };
  }
  const created = await db.organisation.create({ data, select: { id: true } });
  return { ok: true, id: created.id };
}
