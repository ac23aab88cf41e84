import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { calendarOf } from "~/training/records.server";
import { apiTrained } from "./trained.server";
import { createApiToken, revokeApiToken } from "./tokens.server";
import { createUser } from "../../tests/setup/db-fixtures";

/** The read-only API: a token reads its own organisation's figures, masked, and nothing else. */

async function organisationWith(name: string, people: number) {
  const organisation = await db.organisation.create({ data: { name, type: "civil_society" } });
  for (let i = 0; i < people; i++) {
    const user = await createUser();
    const at = new Date(Date.UTC(2026, 2, 3 + i));
    await db.trainingRecord.create({
      data: { userId: user.id, kind: "completion", modality: "online", occurredAt: at, ...calendarOf(at), organisationId: organisation.id, profession: i < 6 ? "social_worker" : "student" },
    });
  }
  return organisation;
}

const get = (query: string, token?: string) =>
  apiTrained(new Request(`http://localhost/api/v1/trained?${query}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {}));

describe("GET /api/v1/trained", () => {
  it("gives the token's organisation's figures, whatever organisation the query names", async () => {
    const admin = await createUser({ role: "admin" });
    const mine = await organisationWith("Association Tadamoun", 8);
    const other = await organisationWith("Autre association", 20);
    const { token, id } = await createApiToken({ organisationId: mine.id, name: "Tableau de bord", createdById: admin.id });
    expect(token).toMatch(/^tdb_[\w-]{43}$/);
    // Only the hash is stored.
    expect(await db.apiToken.findFirst({ where: { id: token } })).toBeNull();
    expect((await db.apiToken.findUnique({ where: { id } }))?.prefix).toBe(token.slice(0, 10));

    const response = await get(`rows=profession&org=${other.id}&mask=0&lang=en`, token);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await response.json();
    expect(body.scope).toEqual({ organisationId: mine.id, organisationName: "Association Tadamoun" });
    // The organisation filter naming another organisation is ignored: this token's figures, and nothing of the other's.
    expect(body.totals).toEqual({ people: 8, trainings: 8 });
    expect(JSON.stringify(body)).not.toContain("Autre association");

    const own = await (await get("rows=profession&mask=0&lang=en", token)).json();
    expect(own.totals).toEqual({ people: 8, trainings: 8 });
    // Masking cannot be turned off through the API: 2 students (under 5) are hidden, and so the 6 social workers with them.
    expect(own.definition.mask).toBe(true);
    expect(own.breakdown.rows.map((r: { label: string; people: number | null }) => [r.label, r.people])).toEqual([
      ["Social worker", null],
      ["Student", null],
    ]);
  });

  it("refuses a missing, unknown or revoked token, and says which parameters it did not understand", async () => {
    const admin = await createUser({ role: "admin" });
    const organisation = await organisationWith("Association Chourouk", 1);
    const { token, id } = await createApiToken({ organisationId: organisation.id, name: "Essai", createdById: admin.id });

    const missing = await get("");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    expect((await get("lang=fr", "tdb_not-a-token")).status).toBe(401);

    const invalid = await get("rows=shoeSize&period=year&year=20x6&lang=en", token);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: "invalid", invalid: ["period", "rows"] });

    expect(await revokeApiToken(id)).toBe(true);
    const revoked = await get("lang=ar", token);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).message).toContain("Authorization: Bearer");
  });
});
