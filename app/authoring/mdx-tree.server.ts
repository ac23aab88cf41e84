import { createProcessor } from "@mdx-js/mdx";

/**
 * A lesson's MDX as a syntax tree with line numbers, for the checks the
 * compiled HTML cannot answer (which line an image is on, whether a tag was
 * written as raw HTML). Parsing only: nothing is compiled or run.
 */
export type MdxAttribute = { type: string; name?: string; value?: unknown };
export type MdxNode = {
  type: string;
  /** JSX elements: `Image`, `div`; null for a fragment. */
  name?: string | null;
  /** Links, images and link definitions. */
  url?: string;
  /** Markdown images. */
  alt?: string | null;
  attributes?: MdxAttribute[];
  children?: MdxNode[];
  position?: { start: { line: number } };
};

let processor: ReturnType<typeof createProcessor> | undefined;

/** The tree, or null when the MDX does not parse (the build reports that error, with its line). */
export function parseLesson(source: string): MdxNode | null {
  processor ??= createProcessor();
  try {
    return processor.parse(source) as unknown as MdxNode;
  } catch {
    return null;
  }
}

export function* walk(node: MdxNode): Generator<MdxNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
}

export function isJsxElement(node: MdxNode): boolean {
  return node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement";
}

export function lineOf(node: MdxNode): number {
  return node.position?.start.line ?? 1;
}

/** A JSX attribute: absent, written as text (`alt="…"`), or as an expression (`alt={…}`), whose value is unknown here. */
export type AttributeValue = { kind: "absent" } | { kind: "text"; text: string } | { kind: "expression" };

export function attribute(node: MdxNode, name: string): AttributeValue {
  const found = node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
  if (!found) return { kind: "absent" };
  if (typeof found.value === "string") return { kind: "text", text: found.value };
  // `<Image alt />` is the boolean true, which is no alt text either.
  if (found.value === null || found.value === undefined) return { kind: "text", text: "" };
  return { kind: "expression" };
}
