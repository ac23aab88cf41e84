import YAML, { isMap, isScalar, isSeq, LineCounter, type Node } from "yaml";

/**
 * Where a field sits in a YAML file. The validators of course.yml, quizzes
 * and assignments name a field by its path (`modules[0].lessons[1].title.ar`);
 * a course writer needs the line too.
 */

/** `modules[0].lessons[1].title.ar` → ["modules", 0, "lessons", 1, "title", "ar"]; null when it is not a field path. */
export function parseFieldPath(text: string): (string | number)[] | null {
  if (!/^[A-Za-z_][\w-]*(?:\[\d+\]|\.[\w-]+)*$/.test(text)) return null;
  return [...text.matchAll(/\[(\d+)\]|([\w-]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
}

export type YamlLines = (fieldPath: readonly (string | number)[]) => number | undefined;

/**
 * A function giving the line of a field: the line of its key (or list item),
 * or, for a field that is missing, of the nearest enclosing one that exists.
 * Undefined for a file YAML cannot read (its syntax errors carry their line).
 */
export function yamlLines(source: string): YamlLines {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(source, { prettyErrors: false, lineCounter });
  if (doc.errors.length) return () => undefined;
  return (fieldPath) => {
    let node: unknown = doc.contents;
    let offset = (node as Node | null)?.range?.[0];
    for (const part of fieldPath) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
        if (!pair) break;
        offset = (pair.key as Node | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number" && node.items[part]) {
        node = node.items[part];
        offset = (node as Node).range?.[0] ?? offset;
      } else break;
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}
