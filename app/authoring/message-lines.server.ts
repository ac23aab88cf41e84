import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { parseFieldPath, yamlLines, type YamlLines } from "./yaml-lines.server";

/**
 * The build's validators name a file and a field (`courses/x/course.yml:
 * modules[0].title.ar: Required`) or a file and a tag (`<Quiz id="check" />
 * appears twice`). This adds the line, `courses/x/course.yml:7: …`, by
 * looking the field or the tag up in the file: the validators stay as they
 * are, and every message the check prints says where to look.
 */
export function messageLines(coursesDir: string): (message: string) => string {
  const root = path.dirname(coursesDir);
  const sources = new Map<string, string | null>();
  const lineFinders = new Map<string, YamlLines>();

  const source = (file: string): string | null => {
    if (!sources.has(file)) {
      let text: string | null = null;
      try {
        text = fs.readFileSync(path.join(root, file), "utf8");
      } catch {
        // A file that cannot be read has no lines to point at.
      }
      sources.set(file, text);
    }
    return sources.get(file) ?? null;
  };
  const lineOf = (file: string, fieldPath: (string | number)[]): number | undefined => {
    const text = source(file);
    if (text === null) return undefined;
    if (!lineFinders.has(file)) lineFinders.set(file, yamlLines(text));
    return lineFinders.get(file)!(fieldPath);
  };

  const yamlField = (message: string): string | null => {
    const m = /^(\S+\.yml): (?:(\S+): )?([\s\S]*)$/.exec(message);
    if (!m) return null;
    const [, file, where, rest] = m;
    const fieldPath = where === undefined ? [] : parseFieldPath(where);
    // Zod names the object that has an unknown key: the key itself is where the typo is.
    const unknownKey = /^Unrecognized key\(s\) in object: '([^']+)'/.exec(rest)?.[1];
    if (!fieldPath || (!where && !unknownKey)) return null;
    const line = lineOf(file, unknownKey ? [...fieldPath, unknownKey] : fieldPath);
    return line ? `${file}:${line}: ${where ? `${where}: ` : ""}${rest}` : null;
  };

  const lessonTag = (message: string): string | null => {
    const m = /^(\S+\.mdx): <(\w+)(?: id="([^"]*)")?[^>]*>(.*)$/.exec(message);
    if (!m || m[4].includes("is missing")) return null;
    const [, file, component, id, rest] = m;
    const lines = source(file)?.split("\n");
    if (!lines) return null;
    const prop = /has no "([^"]+)" prop/.exec(rest)?.[1];
    const index = lines.findIndex(
      (line) =>
        line.includes(`<${component}`) &&
        (id !== undefined ? line.includes(`"${id}"`) : prop ? line.includes(`${prop}=`) : !line.includes("id=")),
    );
    return index < 0 ? null : `${file}:${index + 1}: ${message.slice(file.length + 2)}`;
  };

  const missingLesson = (message: string): string | null => {
    const m = /^(\S+)\/lessons\/\S+\.mdx: file missing \(lesson "([^"]+)" is offered in (\w+)\)$/.exec(message);
    if (!m) return null;
    const [, courseFolder, lessonId] = m;
    const file = `${courseFolder}/course.yml`;
    const text = source(file);
    let raw: unknown;
    try {
      raw = text === null ? null : YAML.parse(text);
    } catch {
      return null;
    }
    const modules = (raw as { modules?: { lessons?: { id?: unknown }[] }[] } | null)?.modules;
    for (const [i, mod] of (Array.isArray(modules) ? modules : []).entries()) {
      const j = (Array.isArray(mod?.lessons) ? mod.lessons : []).findIndex((lesson) => lesson?.id === lessonId);
      const line = j < 0 ? undefined : lineOf(file, ["modules", i, "lessons", j, "id"]);
      if (line) return `${message.slice(0, -1)}; it is listed at ${file}:${line})`;
    }
    return null;
  };

  return (message) => yamlField(message) ?? lessonTag(message) ?? missingLesson(message) ?? message;
}
