import { z } from "zod";
import { db } from "~/db/client.server";
import type { Prisma } from "~/db/generated/client";
import { userText } from "~/i18n/user-text";
import { type ReportDefinition, definitionFromSearch, parseDefinition, searchFromDefinition } from "./definition";

/**
 * Saved reports: a definition kept under a name by its owner, optionally
 * emailed monthly or quarterly. What is stored is the question (definition
 * and filters) and which page it was saved from ("all" for the admin page,
 * "organisation" for a manager's). Never an organisation id: when the report
 * runs, its scope is read again from the owner's role and membership, so a
 * manager who leaves their organisation stops receiving its figures.
 */
export type Audience = "all" | "organisation";
export const MAX_SAVED_REPORTS = 50;

type Stored = { audience: Audience; definition: ReportDefinition };

export function storedDefinition(value: Prisma.JsonValue): Stored | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { audience, definition } = value as Record<string, unknown>;
  const parsed = parseDefinition(definition);
  if (!parsed || (audience !== "all" && audience !== "organisation")) return null;
  return { audience, definition: parsed };
}

export async function listSavedReports(ownerId: string, audience: Audience) {
  const rows = await db.savedReport.findMany({ where: { ownerId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.flatMap((row) => {
    const stored = storedDefinition(row.definition);
    if (!stored || stored.audience !== audience) return [];
    return [
      {
        id: row.id,
        name: row.name,
        schedule: row.schedule,
        format: row.format,
        lastSentAt: row.lastSentAt?.toISOString() ?? null,
        search: searchFromDefinition(stored.definition).toString(),
      },
    ];
  });
}

const name = userText(z.string({ required_error: "reports.saved.errors.name" }).trim().min(1, "reports.saved.errors.name").max(200, "reports.saved.errors.name"));
const schedule = z.enum(["none", "monthly", "quarterly"]);
const format = z.enum(["xlsx", "csv"]);

export const savedReportActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), name, schedule: schedule.default("none"), format: format.default("xlsx"), search: z.string().max(8000).default("") }),
  z.object({ intent: z.literal("update"), id: z.string().min(1).max(64), schedule, format }),
  z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) }),
]);

export type SavedReportOutcome =
  | { ok: true; done: "saved" | "updated" | "deleted"; id?: string }
  | { ok: false; errors: Record<string, string[]>; params?: Record<string, string>; name?: string };

/** Saves, reschedules or deletes one of the signed-in person's saved reports; another person's answers "not found", like a missing one. */
export async function savedReportAction(ownerId: string, audience: Audience, form: FormData): Promise<SavedReportOutcome> {
  const parsed = savedReportActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      (errors[field] ??= []).push(issue.message.startsWith("reports.") ? issue.message : "reports.saved.errors.definition");
    }
    // What was typed comes back to the form.
    return { ok: false, errors, name: typeof form.get("name") === "string" ? String(form.get("name")) : undefined };
  }
  const input = parsed.data;
  if (input.intent === "save") {
    const { definition, invalid } = definitionFromSearch(new URLSearchParams(input.search));
    if (invalid.length > 0) return { ok: false, errors: { form: ["reports.saved.errors.definition"] }, name: input.name };
    if ((await db.savedReport.count({ where: { ownerId } })) >= MAX_SAVED_REPORTS) {
      return { ok: false, errors: { form: ["reports.saved.errors.tooMany"] }, params: { max: String(MAX_SAVED_REPORTS) }, name: input.name };
    }
    const row = await db.savedReport.create({
      data: { ownerId, name: input.name, schedule: input.schedule, format: input.format, definition: { audience, definition } satisfies Stored as Prisma.InputJsonValue },
    });
    return { ok: true, done: "saved", id: row.id };
  }
  const owned = await db.savedReport.findFirst({ where: { id: input.id, ownerId } });
  if (!owned || storedDefinition(owned.definition)?.audience !== audience) return { ok: false, errors: { form: ["reports.saved.errors.notFound"] } };
  if (input.intent === "delete") {
    await db.savedReport.delete({ where: { id: owned.id } });
    return { ok: true, done: "deleted" };
  }
  await db.savedReport.update({ where: { id: owned.id }, data: { schedule: input.schedule, format: input.format } });
  return { ok: true, done: "updated" };
}
