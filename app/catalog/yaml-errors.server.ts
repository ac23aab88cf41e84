import fs from "node:fs/promises";
import YAML, { LineCounter } from "yaml";

/**
 * How every course file written in YAML (course.yml, quizzes, assignments)
 * reports its mistakes: each message names the file, then the line or the
 * field, because the people who read them are course writers, not developers.
 */

/** `modules[0].lessons[1].title.ar` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part), "");
}

export type YamlRead = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** The parsed YAML, or one message per syntax error with its line and column. */
export function readYaml(source: string, file: string): YamlRead {
  // With prettyErrors off the errors carry only offsets: the line counter turns them into lines.
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(source, { prettyErrors: false, lineCounter });
  if (!doc.errors.length) return { ok: true, value: doc.toJS() };
  return {
    ok: false,
    errors: doc.errors.map((e) => {
      const at = lineCounter.linePos(e.pos[0]);
      return `${file}: YAML syntax error${at ? ` at line ${at.line}, column ${at.col}` : ""}: ${e.message.split("\n")[0]}`;
    }),
  };
}

export type YamlFileRead = { ok: true; source: string; value: unknown } | { ok: false; errors: string[] };

/**
 * Reads and parses one YAML file of a course (a quiz, an assignment, a SCORM
 * file): `<file>: file missing` when it cannot be read, else readYaml's
 * messages. `file` is its name in messages; the source comes back for
 * messages that look lines up.
 */
export async function readYamlFile(absolutePath: string, file: string): Promise<YamlFileRead> {
  let source: string;
  try {
    source = await fs.readFile(absolutePath, "utf8");
  } catch {
    return { ok: false, errors: [`${file}: file missing`] };
  }
  const yaml = readYaml(source, file);
  return yaml.ok ? { ok: true, source, value: yaml.value } : yaml;
}

/** `courses/sample/course.yml: modules[0].title.ar: Required` for each Zod (or hand-made) issue. */
export function issueMessages(file: string, issues: readonly { path: readonly (string | number)[]; message: string }[]): string[] {
  return issues.map((issue) => {
    const where = formatPath(issue.path);
    return `${file}: ${where ? `${where}: ` : ""}${issue.message}`;
  });
}
