/**
 * Answering a quiz of an exported SCORM package (decision 027) the way a
 * learner would, through the form's own controls, as the package's answer key
 * says: for the package opened on its own (tests/e2e/scorm-export.spec.ts)
 * and played in Tadrib's player (tests/e2e/scorm-player.spec.ts).
 */
import type { FrameLocator, Page } from "@playwright/test";
import type { PackageQuiz } from "../../app/scorm/export/package-quiz";

/** Answers every question as the package's answer key says, through the form's own controls. */
export async function answerRight(root: Page | FrameLocator, pq: PackageQuiz, lang: "fr" | "ar") {
  const form = root.locator(`form[data-quiz="${pq.quiz.id}"]`);
  const byId = new Map(pq.quiz.questions.flatMap((q) => (q.type === "case" ? q.questions : [q])).map((q) => [q.id, q]));
  const layouts = pq.drawn.flatMap((d) => (d.parts.length ? d.parts : [d]));
  for (const drawn of layouts) {
    const q = byId.get(drawn.id)!;
    const base = `#pq-${pq.quiz.id}-${q.id}`;
    const token = (id: string) => `c${drawn.order.indexOf(id) + 1}`;
    if (q.type === "single" || q.type === "multiple") {
      for (const o of q.options) if (o.correct) await form.locator(`${base}-${o.id}`).check();
    } else if (q.type === "true-false") {
      await form.locator(`${base}-${q.answer}`).check();
    } else if (q.type === "matching") {
      for (const pair of q.pairs) await form.locator(`${base}-${pair.id}`).selectOption(token(pair.id));
    } else if (q.type === "ordering") {
      const wanted = q.items.map((item) => token(item.id));
      const shown = () => form.locator(`${base} li`).evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.token ?? ""));
      for (let i = 0; i < wanted.length; i++) {
        while ((await shown()).indexOf(wanted[i]) > i) await form.locator(`${base} li[data-token="${wanted[i]}"] button[data-move="up"]`).click();
      }
    } else if (q.type === "short-text") {
      await form.locator(`${base}-input`).fill((q.accepted[lang] ?? Object.values(q.accepted).flat())[0]!);
    } else {
      await form.locator(`${base}-input`).fill(String(q.answer));
    }
  }
}
