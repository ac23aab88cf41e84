/**
 * npm run courses:export-scorm -- <slug> --lang fr --out <file.zip>
 * Builds a SCORM 1.2 package of one course from the built cache (decision 027).
 */
import fs from "node:fs/promises";
import { env } from "~/config/env.server";
import { ExportError, exportCourse } from "~/scorm/export/export-course.server";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run courses:export-scorm -- <slug> --lang <fr|ar|en> --out <file.zip>`);
  process.exit(1);
}

const args = process.argv.slice(2);
let slug: string | undefined;
let lang: string | undefined;
let out: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--lang") lang = args[++i];
  else if (args[i] === "--out") out = args[++i];
  else if (!slug) slug = args[i];
  else usage(`Unexpected argument: ${args[i]}`);
}
if (!slug) usage("Missing the course's slug.");
if (!lang) usage("Missing --lang.");
if (!out) usage("Missing --out.");

const cacheDir = env.COURSE_CACHE_DIR;
try {
  const { zip, summary } = await exportCourse({
    cacheDir,
    slug,
    lang,
    onEvent: (e) => process.stdout.write(`  [${e.done}/${e.total}] ${e.lessonId}\n`),
  });
  await fs.writeFile(out, zip);
  console.log(
    `${out}: ${summary.lessons} lesson(s), ${summary.quizzes} quiz(zes), ${summary.assignments} assignment(s), ${summary.files} file(s), ${summary.bytes} bytes`,
  );
} catch (error) {
  if (error instanceof ExportError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
