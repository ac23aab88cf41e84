import { attribute, isJsxElement, lineOf, type MdxNode, walk } from "./mdx-tree.server";

/**
 * Raw HTML in a lesson escapes what the platform does for every language:
 * the direction of Arabic pages, the styles that work at 360 px, the
 * accessible components. It is refused, with what to write instead.
 */
const COMPONENTS = "<Callout>, <Image>, <Video>, <Quiz>, <Assignment>";

const INSTEAD: Record<string, string> = {
  div: "write Markdown paragraphs, or a <Callout> for a highlighted box",
  span: "write Markdown (**bold**, *italics*); the page sets the direction of each language itself",
  p: "leave an empty line between paragraphs",
  br: "leave an empty line to start a new paragraph",
  font: "write **bold** or *italics*; the page chooses fonts and colours",
  b: "write **bold**",
  strong: "write **bold**",
  i: "write *italics*",
  em: "write *italics*",
  u: "write **bold** or *italics* (underlined text reads as a link)",
  center: "write a plain paragraph; the page aligns text for each language",
  table: "write a Markdown table (| a | b | lines); it scrolls on phones and follows the page's direction",
  tr: "write a Markdown table (| a | b | lines)",
  td: "write a Markdown table (| a | b | lines)",
  th: "write a Markdown table (| a | b | lines)",
  ul: "write a Markdown list (lines starting with - )",
  ol: "write a numbered Markdown list (lines starting with 1. )",
  li: "write a Markdown list (lines starting with - or 1. )",
  a: "write a Markdown link: [text](https://…) or [text](./lesson-id)",
  img: 'write ![what the image shows](images/x.png) or <Image src="images/x.png" alt="…" caption="…" />',
  video: '<Video src="media/x.mp4" captions="media/x.vtt" title="…">transcript</Video>',
  audio: '<Audio src="media/x.mp3" title="…">transcript</Audio>',
  iframe: 'download the video into the course folder and write <Video src="media/x.mp4" title="…">transcript</Video>',
  h1: "write ## for a section title (the lesson title is the page's only level-1 heading)",
  h2: "write ## Title",
  h3: "write ### Title",
  h4: "write ### Title",
  hr: "write --- on its own line",
};

function instead(tag: string): string {
  return INSTEAD[tag] ?? `write Markdown, or one of the components (${COMPONENTS})`;
}

function tagMessage(file: string, line: number, tag: string): string {
  return `${file}:${line}: <${tag}> is raw HTML, which lessons do not accept (it breaks right-to-left pages and phone screens): ${instead(tag)}`;
}

function attributeMessages(file: string, node: MdxNode): string[] {
  const out: string[] = [];
  const tag = `<${node.name}>`;
  if (attribute(node, "dir").kind !== "absent") {
    out.push(`${file}:${lineOf(node)}: ${tag} has dir=: remove it; the page sets the direction of each language itself (Arabic right to left)`);
  }
  if (attribute(node, "style").kind !== "absent") {
    out.push(`${file}:${lineOf(node)}: ${tag} has style=: remove it; inline styles fix left and right for one language and ignore phone screens (use a <Callout> to make a passage stand out)`);
  }
  return out;
}

export function rawHtmlProblems(tree: MdxNode, file: string): string[] {
  const out: string[] = [];
  for (const node of walk(tree)) {
    if (!isJsxElement(node) || !node.name) continue;
    if (/^[a-z]/.test(node.name)) out.push(tagMessage(file, lineOf(node), node.name));
    out.push(...attributeMessages(file, node));
  }
  return out;
}

/**
 * The same rule read line by line, for a lesson MDX cannot parse: a raw
 * `<br>` is often why (it is never closed), and saying so helps more than
 * the parser's "expected a closing tag".
 */
export function rawHtmlProblemsInText(source: string, file: string): string[] {
  const out: string[] = [];
  let fenced = false;
  source.split("\n").forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced) return;
    const line = text.replace(/`[^`]*`/g, "").replace(/\\</g, "");
    for (const m of line.matchAll(/<([a-z][a-z0-9]*)(?=[\s/>])/g)) out.push(tagMessage(file, i + 1, m[1]));
    for (const m of line.matchAll(/<([A-Za-z][\w.]*)[^>]*\s(dir|style)=/g)) {
      out.push(...attributeMessages(file, { type: "mdxJsxFlowElement", name: m[1], attributes: [{ type: "mdxJsxAttribute", name: m[2], value: "" }], position: { start: { line: i + 1 } } }));
    }
  });
  return out;
}
