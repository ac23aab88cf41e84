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

/** `courses/sample/course.yml: modules[0].title.ar: Required` for each Zod (or hand-made) issue. */
export function issueMessages(file: string, issues: readonly { path: readonly (string | number)[]; message: string }[]): string[] {
  return issues.map((issue) => {
    const where = formatPath(issue.path);
    return `${file}: ${where ? `${where}: ` : ""}${issue.message}`;
  });
}
