import { z } from "zod";
import { issueMessages, readYaml } from "~/catalog/yaml-errors.server";
import { LOCALES, type Locale } from "~/i18n/locales";
import type { GradableQuestion, Question, Quiz } from "./definition.server";
import { comparisonKey } from "./normalize";
import { SHOW_CORRECT_ANSWERS } from "./types";

/**
 * courses/<slug>/quizzes/<quizId>.yml — one file per quiz holding its
 * settings, answer keys and the texts of every language side by side, so ids
 * cannot drift between languages. Documented for course writers in
 * docs/course-writing/quizzes.md. Every error names the file and the field:
 * `courses/sample/quizzes/check.yml: questions[2].options[1].text.ar: Required`.
 */

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = z.string({ required_error: "Required" }).regex(KEBAB, "must be lowercase-kebab (a-z, 0-9 and single hyphens)");
const text = z.string().trim().min(1, "must not be empty");
const minutes = z.number({ invalid_type_error: "must be a number of minutes" }).positive("must be more than 0").max(100_000);

function schemaFor(languages: readonly Locale[]) {
  const localized = z
    .object(Object.fromEntries(LOCALES.map((l) => [l, text.optional()])) as Record<Locale, z.ZodOptional<typeof text>>, {
      invalid_type_error: `must give the text per language (${languages.join(", ")})`,
    })
    .strict("only these languages are known: " + LOCALES.join(", "))
    .superRefine((value, ctx) => {
      for (const lang of languages) if (!value[lang]) ctx.addIssue({ code: "custom", path: [lang], message: "Required" });
    });
  const optionalLocalized = localized.nullish().transform((v) => v ?? null);
  const points = z.number({ invalid_type_error: "must be a number" }).positive("must be more than 0").max(1000).default(1);
  const scoring = z.enum(["all-or-nothing", "partial"]).default("all-or-nothing");
  const base = { id, prompt: localized, points, explanation: optionalLocalized };

  const option = z
    .object({ id, text: localized, correct: z.boolean().default(false), feedback: optionalLocalized })
    .strict();
  const item = z.object({ id, text: localized }).strict();
  const options = z.array(option).min(2, "needs at least two options");

  const acceptedList = z.array(z.union([text, z.number().transform(String)])).min(1, "accept at least one answer");
  const accepted = z
    .object(
      Object.fromEntries(LOCALES.map((l) => [l, acceptedList.optional()])) as Record<Locale, z.ZodOptional<typeof acceptedList>>,
      { invalid_type_error: `must list the accepted answers per language (${languages.join(", ")})` },
    )
    .strict("only these languages are known: " + LOCALES.join(", "))
    .superRefine((value, ctx) => {
      for (const lang of languages) if (!value[lang]) ctx.addIssue({ code: "custom", path: [lang], message: "Required" });
    });

  const gradableSchemas = <Extra extends z.ZodRawShape>(extra: Extra) =>
    [
      z.object({ ...base, ...extra, type: z.literal("single"), options }).strict(),
      z.object({ ...base, ...extra, type: z.literal("multiple"), scoring, options }).strict(),
      z
        .object({
          ...base,
          ...extra,
          type: z.literal("true-false"),
          answer: z.boolean({ required_error: "Required (true or false)", invalid_type_error: "must be true or false" }),
          trueFeedback: optionalLocalized,
          falseFeedback: optionalLocalized,
        })
        .strict(),
      z
        .object({
          ...base,
          ...extra,
          type: z.literal("matching"),
          scoring,
          pairs: z.array(z.object({ id, left: localized, right: localized }).strict()).min(2, "needs at least two pairs"),
          distractors: z.array(item).default([]),
        })
        .strict(),
      z
        .object({ ...base, ...extra, type: z.literal("ordering"), scoring, items: z.array(item).min(2, "needs at least two items") })
        .strict(),
      z.object({ ...base, ...extra, type: z.literal("short-text"), accepted }).strict(),
      z
        .object({
          ...base,
          ...extra,
          type: z.literal("numeric"),
          answer: z.number({ required_error: "Required", invalid_type_error: "must be a number" }),
          tolerance: z.number({ invalid_type_error: "must be a number" }).min(0, "must be 0 or more").default(0),
          unit: optionalLocalized,
        })
        .strict(),
    ] as const;
  const typeMessage = (allowed: string[]) => ({
    errorMap: (issue: z.ZodIssueOptionalMessage, ctx: z.ErrorMapCtx) =>
      issue.code === "invalid_union_discriminator" ? { message: `type must be one of: ${allowed.join(", ")}` } : { message: ctx.defaultError },
  });
  const gradableTypes = ["single", "multiple", "true-false", "matching", "ordering", "short-text", "numeric"];
  const gradableQuestion = z.discriminatedUnion("type", gradableSchemas({}), typeMessage(gradableTypes));
  const group = { group: id.nullish().transform((v) => v ?? null) };
  const caseStudy = z
    .object({
      ...group,
      id,
      type: z.literal("case"),
      title: optionalLocalized,
      scenario: localized,
      prompt: optionalLocalized,
      explanation: optionalLocalized,
      questions: z.array(gradableQuestion).min(1, "needs at least one question"),
    })
    .strict();
  const question = z.discriminatedUnion("type", [...gradableSchemas(group), caseStudy], typeMessage([...gradableTypes, "case"]));

  const settings = z
    .object({
      passingScore: z
        .number({ required_error: "Required (percent of the points needed to pass)", invalid_type_error: "must be a percentage" })
        .min(0, "must be between 0 and 100")
        .max(100, "must be between 0 and 100"),
      attemptsAllowed: z
        .union([z.literal("unlimited"), z.number().int("must be a whole number").min(1, "must be at least 1")], {
          errorMap: () => ({ message: "must be a whole number of attempts, or unlimited" }),
        })
        .default("unlimited"),
      waitBetweenAttempts: minutes.nullish().transform((v) => v ?? null),
      timeLimit: minutes.nullish().transform((v) => v ?? null),
      pool: z
        .union(
          [
            z.object({ draw: z.number().int().min(1) }).strict(),
            z.object({ groups: z.record(id, z.number().int().min(1, "must draw at least 1")) }).strict(),
          ],
          { errorMap: () => ({ message: "write either draw: N or groups: { group-id: N, … }" }) },
        )
        .nullish()
        .transform((v) => v ?? null),
      shuffleQuestions: z.boolean().default(false),
      shuffleOptions: z.boolean().default(false),
      showFeedback: z
        .enum(["after-each-attempt", "after-passing", "never"], {
          errorMap: () => ({ message: "must be after-each-attempt, after-passing or never" }),
        })
        .default("after-each-attempt"),
      // Never by default: a learner who can try again must not be handed the answer key.
      showCorrectAnswers: z
        .enum(SHOW_CORRECT_ANSWERS, { errorMap: () => ({ message: `must be ${SHOW_CORRECT_ANSWERS.join(", ")}`.replace(/, (?=[^,]*$)/, " or ") }) })
        .default("never"),
    })
    .strict();

  return z
    .object({
      title: localized,
      intro: optionalLocalized,
      settings,
      questions: z.array(question).min(1, "needs at least one question"),
    })
    .strict()
    .superRefine((quiz, ctx) => checkConsistency(quiz as unknown as Omit<Quiz, "id" | "languages">, languages, ctx));
}

type Path = (string | number)[];

function checkConsistency(quiz: Omit<Quiz, "id" | "languages">, languages: readonly Locale[], ctx: z.RefinementCtx) {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });
  const questionIds = new Map<string, string>();
  const where = (path: Path) => path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").slice(1);

  const uniqueIds = (entries: { id: string }[], at: Path, what: string) => {
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      if (seen.has(entry.id)) issue([...at, i, "id"], `"${entry.id}" is used twice in this ${what}`);
      seen.add(entry.id);
    });
  };

  const checkGradable = (q: GradableQuestion, at: Path) => {
    const first = questionIds.get(q.id);
    // Ids are unique across the quiz, sub-questions included: answers and statistics are keyed by them.
    if (first !== undefined) issue([...at, "id"], `"${q.id}" is already used by ${first}`);
    else questionIds.set(q.id, where(at));
    switch (q.type) {
      case "single": {
        uniqueIds(q.options, [...at, "options"], "question");
        const correct = q.options.filter((o) => o.correct).length;
        if (correct !== 1) issue([...at, "options"], `a single-choice question needs exactly one option with correct: true (found ${correct})`);
        break;
      }
      case "multiple":
        uniqueIds(q.options, [...at, "options"], "question");
        if (!q.options.some((o) => o.correct)) issue([...at, "options"], "mark at least one option with correct: true");
        break;
      case "matching":
        uniqueIds([...q.pairs, ...q.distractors], [...at, "pairs"], "question (pairs and distractors together)");
        break;
      case "ordering":
        uniqueIds(q.items, [...at, "items"], "question");
        break;
      case "short-text":
        for (const lang of languages) {
          (q.accepted[lang] ?? []).forEach((answer, i) => {
            if (!comparisonKey(answer)) issue([...at, "accepted", lang, i], "has no letters or digits left once punctuation is ignored");
          });
        }
        break;
      case "numeric":
      case "true-false":
        break;
    }
  };

  quiz.questions.forEach((q, i) => {
    if (q.type === "case") {
      const first = questionIds.get(q.id);
      if (first !== undefined) issue(["questions", i, "id"], `"${q.id}" is already used by ${first}`);
      else questionIds.set(q.id, `questions[${i}]`);
      q.questions.forEach((sub, j) => checkGradable(sub, ["questions", i, "questions", j]));
    } else {
      checkGradable(q, ["questions", i]);
    }
  });

  const pool = quiz.settings.pool;
  if (pool && "draw" in pool && pool.draw > quiz.questions.length) {
    issue(["settings", "pool", "draw"], `cannot draw ${pool.draw} of ${quiz.questions.length} questions`);
  }
  if (pool && "groups" in pool) {
    const sizes = new Map<string, number>();
    quiz.questions.forEach((q, i) => {
      if (!q.group) issue(["questions", i, "group"], "Required: settings.pool draws per group, so every question needs a group");
      else if (!(q.group in pool.groups)) issue(["questions", i, "group"], `"${q.group}" is not one of the groups in settings.pool.groups`);
      else sizes.set(q.group, (sizes.get(q.group) ?? 0) + 1);
    });
    for (const [name, count] of Object.entries(pool.groups)) {
      const size = sizes.get(name) ?? 0;
      if (count > size) issue(["settings", "pool", "groups", name], `cannot draw ${count} of ${size} questions in group "${name}"`);
    }
  }
}

export type QuizCheck = { ok: true; quiz: Quiz } | { ok: false; errors: string[] };

export function isQuizId(value: string): boolean {
  return KEBAB.test(value);
}

/**
 * Parses one quiz file. `file` is the name used in messages
 * (courses/<slug>/quizzes/<id>.yml), `quizId` comes from the file name and
 * `languages` are the course's languages, each of which every text must have.
 */
type QuizFileOptions = { file: string; quizId: string; languages: readonly Locale[] };

export function parseQuizFile(source: string, options: QuizFileOptions): QuizCheck {
  const yaml = readYaml(source, options.file);
  return yaml.ok ? parseQuizDefinition(yaml.value, options) : yaml;
}

/** Validates an already-parsed quiz file (readYamlFile, or parseQuizFile's own parse). */
export function parseQuizDefinition(raw: unknown, options: QuizFileOptions): QuizCheck {
  const { file, quizId, languages } = options;
  if (!isQuizId(quizId)) {
    return { ok: false, errors: [`${file}: the file name "${quizId}" is the quiz id and must be lowercase-kebab (a-z, 0-9 and single hyphens)`] };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, errors: [`${file}: expected a YAML mapping (title:, settings:, questions: …)`] };
  }
  const parsed = schemaFor(languages).safeParse(raw);
  if (!parsed.success) return { ok: false, errors: [...new Set(issueMessages(file, parsed.error.issues))] };
  const data = parsed.data as unknown as Omit<Quiz, "id" | "languages">;
  const questions: Question[] = data.questions;
  return { ok: true, quiz: { id: quizId, languages: [...languages], ...data, questions } };
}
