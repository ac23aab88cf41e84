/**
 * `npm run courses:new -- <slug>`: creates courses/<slug>/ with course.yml,
 * one lesson in French, Arabic and English and a small quiz, ready for
 * `npm run courses:check`. Refuses an invalid slug or an existing folder.
 */
import { scaffoldCourse } from "~/authoring/scaffold.server";
import { env } from "~/config/env.server";

const [slug, ...rest] = process.argv.slice(2);
if (!slug || rest.length) {
  console.error("usage: npm run courses:new -- <slug>   (the course's folder name, e.g. fair-recruitment-basics)");
  process.exit(2);
}

const result = await scaffoldCourse(env.COURSES_DIR, slug);
if (!result.ok) {
  console.error(`courses:new: ${result.error}`);
  process.exit(1);
}
console.log(`courses:new: created the course "${slug}":`);
for (const file of result.files) console.log(`  ${file}`);
console.log(`
Next steps (docs/authoring.md explains each one):
  1. Write the titles, summary and audience in courses/${slug}/course.yml, and add modules and lessons there.
  2. Write the lesson in each language in courses/${slug}/lessons/, and the quiz in courses/${slug}/quizzes/.
  3. Preview it with npm run dev (http://localhost:3000/courses/${slug}); lessons reload when you save.
  4. Run npm run courses:check and fix what it lists.`);
