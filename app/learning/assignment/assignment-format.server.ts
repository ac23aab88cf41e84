import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { displayPath } from "~/catalog/course-schema.server";
import type { LocalizedText } from "~/catalog/types";
import { issueMessages, readYamlFile } from "~/catalog/yaml-errors.server";
import { LOCALES, type Locale } from "~/i18n/locales";
import { ATTACHMENT_KINDS, MAX_TEXT_LENGTH, type AssignmentDefinition } from "./types";

/**
 * courses/<slug>/assignments/<assignmentId>.yml, the format course writers
 * use (docs/authoring.md, "Assignments and rubrics"). Messages name the file and the
 * field, e.g. `courses/media/assignments/pitch.yml: rubric[0].levels[1].label.ar: Required`.
 */
export const ASSIGNMENTS_DIR = "assignments";
export const ASSIGNMENT_EXTENSION = ".yml";
/** Larger files belong on a file-sharing service, not in a training platform's disk. */
export const MAX_ATTACHMENT_MB = 50;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebabMessage = "must be lowercase-kebab (a-z, 0-9 and single hyphens)";

const text = z.string().trim().min(1, "must not be empty");
const localized = z
  .object(Object.fromEntries(LOCALES.map((l) => [l, text.optional()])) as Record<Locale, z.ZodOptional<typeof text>>)
  .strict("only these languages are known: " + LOCALES.join(", "));
const id = z.string({ required_error: "Required" }).regex(KEBAB, kebabMessage);

const levelSchema = z
  .object({
    id,
    label: localized,
    points: z
      .number({ invalid_type_error: "must be a whole number of points", required_error: "Required" })
      .int("must be a whole number of points")
      .min(0, "must be 0 or more")
      .max(1000),
  })
  .strict();

const criterionSchema = z
  .object({
    id,
    title: localized,
    description: localized.optional(),
    levels: z.array(levelSchema, { required_error: "Required" }).min(2, "needs at least two levels"),
  })
  .strict();

const attachmentSchema = z
  .object({
    kinds: z
      .array(z.enum(ATTACHMENT_KINDS, { errorMap: () => ({ message: `must be one of: ${ATTACHMENT_KINDS.join(", ")}` }) }))
      .min(1, "list at least one kind"),
    maxSizeMB: z
      .number({ invalid_type_error: "must be a number of megabytes", required_error: "Required" })
      .positive("must be more than 0")
      .max(MAX_ATTACHMENT_MB, `must be at most ${MAX_ATTACHMENT_MB}`),
    required: z.boolean({ invalid_type_error: "must be true or false" }).default(false),
  })
  .strict();

const assignmentSchema = z
  .object({
    title: localized,
    instructions: localized,
    text: z.enum(["required", "optional"], { errorMap: () => ({ message: "must be required or optional" }) }).default("required"),
    words: z
      .object({
        min: z.number({ invalid_type_error: "must be a whole number of words" }).int("must be a whole number of words").min(1, "must be at least 1").optional(),
        max: z.number({ invalid_type_error: "must be a whole number of words" }).int("must be a whole number of words").min(1, "must be at least 1").optional(),
      })
      .strict()
      .optional(),
    attachment: attachmentSchema.optional(),
    rubric: z.array(criterionSchema, { required_error: "Required" }).min(1, "needs at least one criterion"),
  })
  .strict();

function languageIssues(value: LocalizedText | undefined, at: (string | number)[], languages: readonly Locale[]) {
  if (!value) return [];
  return languages.filter((lang) => !value[lang]).map((lang) => ({ path: [...at, lang], message: "Required" }));
}

export type AssignmentCheck = { ok: true; assignment: AssignmentDefinition } | { ok: false; errors: string[] };

/**
 * Validates already-parsed YAML. `languages` are the course's: each must be
 * present in every text. `file` is the name used in messages.
 */
export function parseAssignmentDefinition(raw: unknown, assignmentId: string, languages: readonly Locale[], file: string): AssignmentCheck {
  const errors: string[] = [];
  if (!KEBAB.test(assignmentId)) errors.push(`${file}: the file name "${assignmentId}" is the assignment id and ${kebabMessage}`);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, errors: [...errors, `${file}: expected a YAML mapping (title:, instructions:, rubric: …)`] };
  }
  const parsed = assignmentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: [...errors, ...issueMessages(file, parsed.error.issues)] };

  const a = parsed.data;
  const issues = [...languageIssues(a.title, ["title"], languages), ...languageIssues(a.instructions, ["instructions"], languages)];
  if (a.words && a.words.min === undefined && a.words.max === undefined) issues.push({ path: ["words"], message: "give min:, max: or both" });
  if (a.words?.min !== undefined && a.words.max !== undefined && a.words.min > a.words.max) {
    issues.push({ path: ["words", "min"], message: `is more than max (${a.words.max})` });
  }
  if (a.words?.max !== undefined && a.words.max * 2 > MAX_TEXT_LENGTH) {
    issues.push({ path: ["words", "max"], message: `cannot fit in the ${MAX_TEXT_LENGTH} characters an answer may have` });
  }
  if (a.text === "optional" && !a.attachment) {
    issues.push({ path: ["text"], message: "can be optional only when an attachment is allowed (otherwise there is nothing to submit)" });
  }
  if (a.attachment) {
    a.attachment.kinds.forEach((kind, i) => {
      if (a.attachment!.kinds.indexOf(kind) !== i) issues.push({ path: ["attachment", "kinds", i], message: `"${kind}" is listed twice` });
    });
  }
  const criterionIds = new Map<string, number>();
  a.rubric.forEach((criterion, c) => {
    issues.push(...languageIssues(criterion.title, ["rubric", c, "title"], languages));
    issues.push(...languageIssues(criterion.description, ["rubric", c, "description"], languages));
    const first = criterionIds.get(criterion.id);
    if (first !== undefined) issues.push({ path: ["rubric", c, "id"], message: `"${criterion.id}" is already used by rubric[${first}]` });
    else criterionIds.set(criterion.id, c);
    const levelIds = new Map<string, number>();
    criterion.levels.forEach((level, l) => {
      issues.push(...languageIssues(level.label, ["rubric", c, "levels", l, "label"], languages));
      const firstLevel = levelIds.get(level.id);
      if (firstLevel !== undefined) {
        issues.push({ path: ["rubric", c, "levels", l, "id"], message: `"${level.id}" is already used by rubric[${c}].levels[${firstLevel}]` });
      } else levelIds.set(level.id, l);
    });
  });
  errors.push(...issueMessages(file, issues));
  if (errors.length) return { ok: false, errors };

  return {
    ok: true,
    assignment: {
      id: assignmentId,
      title: a.title,
      instructions: a.instructions,
      text: a.text,
      words: a.words ? { min: a.words.min ?? null, max: a.words.max ?? null } : null,
      attachment: a.attachment ?? null,
      rubric: a.rubric,
    },
  };
}

/** Reads and validates one assignment file; `file` is the name used in messages. */
export async function readAssignmentFile(
  absolutePath: string,
  assignmentId: string,
  languages: readonly Locale[],
  file: string,
): Promise<AssignmentCheck> {
  const yaml = await readYamlFile(absolutePath, file);
  return yaml.ok ? parseAssignmentDefinition(yaml.value, assignmentId, languages, file) : yaml;
}

export type CourseAssignmentsCheck =
  | { ok: true; assignments: Map<string, AssignmentDefinition> }
  | { ok: false; errors: string[] };

/**
 * Validates every file of courses/<slug>/assignments/ for the course build.
 * A course without the folder simply has no assignments.
 */
export async function validateCourseAssignments(courseDir: string, languages: readonly Locale[]): Promise<CourseAssignmentsCheck> {
  const slug = path.basename(courseDir);
  const coursesDir = path.dirname(courseDir);
  const dir = path.join(courseDir, ASSIGNMENTS_DIR);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith(".")).sort();
  const errors: string[] = [];
  const assignments = new Map<string, AssignmentDefinition>();
  for (const name of names) {
    const file = displayPath(coursesDir, slug, ASSIGNMENTS_DIR, name);
    if (!name.endsWith(ASSIGNMENT_EXTENSION)) {
      errors.push(`${file}: not an assignment (assignment files end in ${ASSIGNMENT_EXTENSION})`);
      continue;
    }
    const checked = await readAssignmentFile(path.join(dir, name), name.slice(0, -ASSIGNMENT_EXTENSION.length), languages, file);
    if (checked.ok) assignments.set(checked.assignment.id, checked.assignment);
    else errors.push(...checked.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, assignments };
}
