import fs from "node:fs";
import path from "node:path";

/**
 * A valid course in fr, ar and en for the check's tests, written as text so
 * that every line number in a message can be asserted. `files` replaces or
 * adds files by their path in the course folder.
 */
export const COURSE_YML = `title:
  fr: Cours d'essai
  ar: دورة تجريبية
  en: Test course
summary: { fr: Résumé., ar: ملخّص., en: Summary. }
audience: { fr: Tout le monde., ar: الجميع., en: Everyone. }
hours: 1
languages: [fr, ar, en]
modules:
  - id: basics
    title: { fr: Bases, ar: أساسيات, en: Basics }
    lessons:
      - id: intro
        title: { fr: Introduction, ar: مقدمة, en: Introduction }
      - id: terms
        title: { fr: Vocabulaire, ar: مصطلحات, en: Terms }
completion:
  lessons: all
  quizzes: [check]
`;

export const QUIZ_YML = `title: { fr: Vérifiez, ar: تحقّق, en: Check }
settings:
  passingScore: 50
questions:
  - id: first
    type: single
    prompt: { fr: Laquelle ?, ar: أيّها؟, en: Which one? }
    options:
      - id: yes
        correct: true
        text: { fr: Oui, ar: نعم, en: "Yes" }
      - id: no
        text: { fr: Non, ar: لا, en: "No" }
  - id: second
    type: true-false
    answer: true
    prompt: { fr: Vrai ?, ar: صحيح؟, en: True? }
`;

const LESSON = {
  fr: "## Bases\n\nUn paragraphe.\n",
  ar: "## أساسيات\n\nفقرة.\n",
  en: "## Basics\n\nA paragraph.\n",
};

export function writeTestCourse(coursesDir: string, slug: string, files: Record<string, string | null> = {}): string {
  const dir = path.join(coursesDir, slug);
  const all: Record<string, string | null> = { "course.yml": COURSE_YML, "quizzes/check.yml": QUIZ_YML };
  for (const [lang, text] of Object.entries(LESSON)) {
    all[`lessons/intro.${lang}.mdx`] = text;
    all[`lessons/terms.${lang}.mdx`] = `${text}\n<Quiz id="check" />\n`;
  }
  Object.assign(all, files);
  for (const [name, content] of Object.entries(all)) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
