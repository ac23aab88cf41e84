import fs from "node:fs";
import path from "node:path";
import { displayPath } from "~/catalog/course-schema.server";
import { attribute, isJsxElement, lineOf, type MdxNode, walk } from "./mdx-tree.server";

/**
 * Images and other media a lesson names: each file is in the course folder,
 * and every image has alt text, in every language's lesson (each lesson file
 * is checked on its own). How files are checked and served when the lesson
 * is built (formats, sizes) belongs to the build's media components.
 */
const MEDIA_PROPS: Record<string, readonly string[]> = { Image: ["src"], Video: ["src", "captions", "poster"], Audio: ["src", "captions"] };

type Context = { courseDir: string; file: string };

function fileProblem({ courseDir }: Context, src: string): string | null {
  const example = "images/diagram.png";
  if (!src.trim()) return `needs a file: write a path inside the course folder, such as ${example}`;
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    return `"${src}" is a web address: save the file in the course folder (for example ${example}) and name it there, so the lesson works offline and keeps working`;
  }
  const absolute = path.resolve(courseDir, src);
  const relative = path.relative(courseDir, absolute);
  if (path.isAbsolute(src) || relative.startsWith("..") || path.isAbsolute(relative)) {
    return `"${src}": write a path inside the course folder, such as ${example}`;
  }
  if (!fs.existsSync(absolute)) {
    return `"${src}": no such file in the course folder (expected ${displayPath(path.dirname(courseDir), path.basename(courseDir), ...relative.split(path.sep))})`;
  }
  return null;
}

export function mediaProblems(tree: MdxNode, context: Context): string[] {
  const { file } = context;
  const out: string[] = [];
  const at = (node: MdxNode, message: string) => out.push(`${file}:${lineOf(node)}: ${message}`);
  for (const node of walk(tree)) {
    if (node.type === "image") {
      const problem = fileProblem(context, node.url ?? "");
      if (problem) at(node, `image ${problem}`);
      if (!node.alt?.trim()) at(node, `image "${node.url}" has no alt text: write what it shows between the brackets, ![what the image shows](${node.url})`);
      continue;
    }
    if (!isJsxElement(node) || !node.name || !(node.name in MEDIA_PROPS)) continue;
    const tag = `<${node.name}>`;
    for (const prop of MEDIA_PROPS[node.name]) {
      const value = attribute(node, prop);
      if (value.kind === "absent") {
        if (prop === "src") at(node, `${tag} needs src="…", a file in the course folder`);
      } else if (value.kind === "expression") {
        at(node, `${tag} ${prop}: write the file name as text in quotes, ${prop}="…"`);
      } else {
        const problem = fileProblem(context, value.text);
        if (problem) at(node, `${tag} ${prop}: ${problem}`);
      }
    }
    if (node.name === "Image") {
      const alt = attribute(node, "alt");
      if (alt.kind === "absent" || (alt.kind === "text" && !alt.text.trim())) {
        at(node, `<Image> has no alt text: write what the image shows, alt="…" (screen readers read it out; it is needed in every language)`);
      }
    }
  }
  return out;
}
