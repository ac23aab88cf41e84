import fs from "node:fs/promises";
import path from "node:path";
import { COURSE_FILE, displayPath, isCourseSlug, LESSONS_DIR, lessonFileName } from "~/catalog/course-schema.server";
import { LOCALES } from "~/i18n/locales";
import { QUIZ_EXTENSION, QUIZZES_DIR } from "~/learning/quiz/load.server";

/**
 * `npm run courses:new -- <slug>`: a small course in French, Arabic and
 * English (course.yml, one lesson, one quiz) that passes courses:check and
 * courses:build as it is, for a writer to replace text by text.
 */
const LESSON_ID = "introduction";
const QUIZ_ID = "check-your-knowledge";

const courseYml = (slug: string) => `# The course "${slug}". Every field is explained in docs/authoring.md.
title:
  fr: "Titre du cours"
  ar: "عنوان الدورة"
  en: "Course title"
summary:
  fr: "Ce que le cours apporte, en une ou deux phrases."
  ar: "ما تقدّمه الدورة، في جملة أو جملتين."
  en: "What the course offers, in one or two sentences."
audience:
  fr: "À qui s'adresse le cours."
  ar: "الفئة التي تتوجّه إليها الدورة."
  en: "Who the course is for."
hours: 1
languages: [fr, ar, en]
modules:
  - id: getting-started
    title:
      fr: "Pour commencer"
      ar: "البداية"
      en: "Getting started"
    lessons:
      - id: ${LESSON_ID}
        title:
          fr: "Introduction"
          ar: "مقدّمة"
          en: "Introduction"
completion:
  lessons: all
  quizzes: [${QUIZ_ID}]
`;

const lessons: Record<(typeof LOCALES)[number], string> = {
  fr: `Écrivez ici le premier paragraphe de la leçon. Le titre vient de course.yml : commencez les sections par \`##\`.

## Une première section

Du texte en **Markdown** : des paragraphes, des listes, des tableaux.

<Callout type="tip" title="Un conseil">
Un encadré pour une règle à retenir.
</Callout>

<Quiz id="${QUIZ_ID}" />
`,
  ar: `اكتب هنا الفقرة الأولى من الدرس. يأتي العنوان من ملف course.yml، فابدأ الأقسام بـ \`##\`.

## القسم الأول

نص بلغة **Markdown**: فقرات وقوائم وجداول.

<Callout type="tip" title="نصيحة">
إطار لقاعدة ينبغي تذكّرها.
</Callout>

<Quiz id="${QUIZ_ID}" />
`,
  en: `Write the lesson's first paragraph here. The title comes from course.yml: start sections with \`##\`.

## A first section

Text in **Markdown**: paragraphs, lists, tables.

<Callout type="tip" title="A tip">
A box for a rule to remember.
</Callout>

<Quiz id="${QUIZ_ID}" />
`,
};

const quizYml = `# Shown by the lesson "${LESSON_ID}" (<Quiz id="${QUIZ_ID}" />). Format: docs/authoring.md, "Quizzes".
title:
  fr: Vérifiez vos connaissances
  ar: اختبر معارفك
  en: Check your knowledge
settings:
  passingScore: 50
  attemptsAllowed: unlimited
questions:
  - id: first-question
    type: single
    prompt:
      fr: Quelle est la bonne réponse ?
      ar: ما هو الجواب الصحيح؟
      en: Which answer is right?
    options:
      - id: right
        correct: true
        text: { fr: La bonne réponse, ar: الجواب الصحيح, en: The right answer }
      - id: wrong
        text: { fr: Une autre réponse, ar: جواب آخر, en: Another answer }
  - id: second-question
    type: true-false
    answer: true
    prompt:
      fr: Cette affirmation est vraie.
      ar: هذه العبارة صحيحة.
      en: This statement is true.
`;

export type ScaffoldResult = { ok: true; files: string[] } | { ok: false; error: string };

export async function scaffoldCourse(coursesDir: string, slug: string): Promise<ScaffoldResult> {
  if (!isCourseSlug(slug)) {
    return { ok: false, error: `"${slug}" cannot be a course slug: it must be lowercase-kebab (a-z, 0-9 and single hyphens), e.g. fair-recruitment-basics` };
  }
  const courseDir = path.join(coursesDir, slug);
  try {
    // Not recursive: an existing folder fails here, and nothing of it is touched.
    await fs.mkdir(courseDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return { ok: false, error: `${displayPath(coursesDir, slug)} already exists: choose another slug, or edit that course` };
    if (code === "ENOENT") return { ok: false, error: `${coursesDir} does not exist` };
    throw error;
  }
  const files: [string[], string][] = [
    [[COURSE_FILE], courseYml(slug)],
    ...LOCALES.map((lang): [string[], string] => [[LESSONS_DIR, lessonFileName(LESSON_ID, lang)], lessons[lang]]),
    [[QUIZZES_DIR, QUIZ_ID + QUIZ_EXTENSION], quizYml],
  ];
  for (const [parts, content] of files) {
    const absolute = path.join(courseDir, ...parts);
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    await fs.writeFile(absolute, content, { flag: "wx" });
  }
  return { ok: true, files: files.map(([parts]) => displayPath(coursesDir, slug, ...parts)) };
}
