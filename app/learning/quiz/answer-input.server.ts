import { z } from "zod";
import { cleanUserText } from "~/i18n/user-text";
import type { GradableQuestion, Quiz } from "./definition.server";
import type { AnswerValue } from "./types";

/**
 * One answer as the browser sends it while the learner works, checked for
 * shape and size before it is stored. The content is stored as given (an
 * unknown option id is simply wrong when graded): only what could bloat the
 * row or break the JSON is refused. null means the learner cleared it.
 */

const token = z.string().max(100);
/** Typed answers are stored as typed, minus control and bidi-override characters (app/i18n/user-text.ts). */
const typed = (max: number) => z.string().max(max).transform((text) => cleanUserText(text));
const shapes: Record<GradableQuestion["type"], z.ZodType<AnswerValue, z.ZodTypeDef, unknown>> = {
  single: token,
  multiple: z.array(token).max(50).transform((ids) => [...new Set(ids)]),
  "true-false": z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
  matching: z
    .record(token, token)
    .refine((pairs) => Object.keys(pairs).length <= 50)
    .transform((pairs) => Object.fromEntries(Object.entries(pairs).filter(([, v]) => v !== ""))),
  ordering: z.array(token).max(50),
  "short-text": typed(500),
  numeric: z.union([typed(50), z.number().finite().transform(String)]),
};

function isEmpty(value: AnswerValue): boolean {
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

export type AnswerInput = { ok: true; value: AnswerValue | null } | { ok: false };

export function parseAnswerInput(question: GradableQuestion, raw: unknown): AnswerInput {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const parsed = shapes[question.type].safeParse(raw);
  if (!parsed.success) return { ok: false };
  return { ok: true, value: isEmpty(parsed.data) ? null : parsed.data };
}

/** The gradable question with this id among an attempt's drawn questions (case study parts included). */
export function findAskedQuestion(quiz: Quiz, questionIds: readonly string[], questionId: string): GradableQuestion | null {
  const asked = new Set(questionIds);
  for (const question of quiz.questions) {
    if (!asked.has(question.id)) continue;
    if (question.type === "case") {
      const part = question.questions.find((q) => q.id === questionId);
      if (part) return part;
    } else if (question.id === questionId) {
      return question;
    }
  }
  return null;
}
