import fs from "node:fs";
import path from "node:path";
import { storePackage } from "~/scorm/unpack.server";
import { recordPackage } from "~/scorm/packages.server";
import { scorm12Early, scorm2004Multi } from "./tests/setup/scorm-test-packages";

const coursesDir = process.env.PACKAGE_COURSES_DIR!;
const made: Record<string, string> = {};
for (const [name, zip] of [["early", scorm12Early()], ["multi", scorm2004Multi()]] as const) {
  const file = path.join("/tmp", `${name}.zip`);
  fs.writeFileSync(file, zip);
  const stored = await storePackage(file);
  if (!stored.ok) throw new Error(JSON.stringify(stored.problems));
  const sha = path.basename(stored.dir);
  await recordPackage(sha, stored.manifest);
  made[name] = sha;
}
const dir = path.join(coursesDir, "scorm-demo");
fs.mkdirSync(path.join(dir, "lessons"), { recursive: true });
fs.mkdirSync(path.join(dir, "scorm"), { recursive: true });
fs.writeFileSync(path.join(dir, "course.yml"), `title: { fr: "Démo SCORM", ar: "عرض SCORM", en: "SCORM demo" }
summary: { fr: "Deux paquets.", ar: "حزمتان.", en: "Two packages." }
audience: { fr: "Tous", ar: "الجميع", en: "Everyone" }
hours: 1
languages: [fr, ar, en]
modules:
  - id: m1
    title: { fr: "Module", ar: "وحدة", en: "Module" }
    lessons:
      - id: early
        title: { fr: "SCORM 1.2", ar: "SCORM 1.2", en: "SCORM 1.2" }
      - id: multi
        title: { fr: "SCORM 2004", ar: "SCORM 2004", en: "SCORM 2004" }
completion:
  lessons: all
`);
for (const id of ["early", "multi"]) {
  fs.writeFileSync(path.join(dir, "scorm", `${id}.yml`), `sha256: ${made[id]}\n`);
  for (const lang of ["fr", "ar", "en"]) fs.writeFileSync(path.join(dir, "lessons", `${id}.${lang}.mdx`), `Texte.\n\n<Scorm id="${id}" />\n`);
}
console.log(made);
