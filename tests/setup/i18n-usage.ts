import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Static analysis behind app/i18n/route-namespaces.test.ts: which message
 * namespaces the code reachable from a route file uses, and which ones the
 * route declares (`export const handle = { i18n: [...] }`).
 *
 * A key is a string literal "<ns>.<path>" naming a catalogue key (plural
 * variants "key_one"… count for "key"), any literal given to t()/tx(), or a
 * template literal whose fixed start "<ns>.<path>" begins some key
 * (t(`courses.language.${lang}`)). Imports are followed statically over app/
 * ("~/" and relative; `import type` and *.server modules skipped: what the
 * browser renders, plus the route file's own loader and action). A dynamic import() written in an
 * object literal that declares `i18n: [...]` (a lesson island kind,
 * app/learning/quiz/quiz-kind.tsx) is not part of the importer: it is checked
 * as its own root against that declaration.
 */

export type FileFacts = {
  file: string;
  imports: string[];
  /** Dynamic imports to follow as if static. */
  dynamicImports: string[];
  /** Dynamic imports owned by an object literal with its own `i18n` declaration. */
  kindRoots: { target: string; declared: string[] }[];
  /** Namespace → the keys (or key prefixes, ending in "…") of this file that use it. */
  uses: Map<string, Set<string>>;
  /** The route's `handle.i18n`, when the file exports one. */
  declared: string[] | null;
};

export type Catalogue = { namespaces: Set<string>; keys: Set<string> };

export function catalogueFrom(messages: Record<string, string>): Catalogue {
  const keys = new Set<string>();
  for (const key of Object.keys(messages)) {
    keys.add(key);
    const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
    if (plural) keys.add(plural[1]);
  }
  return { namespaces: new Set(Object.keys(messages).map((k) => k.split(".")[0])), keys };
}

const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];

/** Server modules never reach the browser: keys they translate (mail, PDFs) need no namespace on the page. */
export const isServerModule = (file: string) => /\.server\.tsx?$|\/\.server\//.test(file);

function resolveImport(from: string, specifier: string, appDir: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(appDir, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  if (/\.(tsx?)$/.test(base) && fs.existsSync(base)) return base;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

function stringArray(node: ts.Expression | undefined): string[] | null {
  while (node && (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node))) node = node.expression;
  if (!node || !ts.isArrayLiteralExpression(node)) return null;
  const out: string[] = [];
  for (const e of node.elements) {
    if (!ts.isStringLiteralLike(e)) return null;
    out.push(e.text);
  }
  return out;
}

function i18nProperty(object: ts.ObjectLiteralExpression): string[] | null {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === "i18n") {
      const list = stringArray(p.initializer);
      if (!list) throw new Error(`${object.getSourceFile().fileName}: i18n must be an array of string literals`);
      return list;
    }
  }
  return null;
}

export function fileFacts(file: string, appDir: string, catalogue: Catalogue): FileFacts {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const facts: FileFacts = { file, imports: [], dynamicImports: [], kindRoots: [], uses: new Map(), declared: null };
  const record = (ns: string, key: string) => {
    if (!facts.uses.has(ns)) facts.uses.set(ns, new Set());
    facts.uses.get(ns)!.add(key);
  };
  const isKeyCall = (node: ts.Node) =>
    ts.isCallExpression(node.parent) &&
    node.parent.arguments[0] === node &&
    /^(t|tx|serverT)$|\.(t|tx)$/.test(node.parent.expression.getText());
  const namespaceOf = (text: string) => {
    const dot = text.indexOf(".");
    const ns = dot > 0 ? text.slice(0, dot) : "";
    return catalogue.namespaces.has(ns) ? ns : null;
  };

  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly;
      const target = resolveImport(file, node.moduleSpecifier.text, appDir);
      if (target && !typeOnly && !isServerModule(target)) facts.imports.push(target);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      const target = arg && ts.isStringLiteralLike(arg) ? resolveImport(file, arg.text, appDir) : null;
      if (target) {
        let owner: ts.Node | undefined = node.parent;
        while (owner && !(ts.isObjectLiteralExpression(owner) && i18nProperty(owner))) owner = owner.parent;
        if (owner && ts.isObjectLiteralExpression(owner)) facts.kindRoots.push({ target, declared: i18nProperty(owner)! });
        else facts.dynamicImports.push(target);
      }
      return;
    }
    if (ts.isVariableStatement(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of node.declarationList.declarations) {
        let init = d.initializer;
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
        if (d.name.getText() === "handle" && init && ts.isObjectLiteralExpression(init)) facts.declared = i18nProperty(init) ?? [];
      }
    }
    if (ts.isStringLiteralLike(node) && !ts.isImportTypeNode(node.parent) && !ts.isLiteralTypeNode(node.parent)) {
      const ns = namespaceOf(node.text);
      if (ns && (catalogue.keys.has(node.text) || isKeyCall(node))) record(ns, node.text);
    }
    if (ts.isTemplateExpression(node)) {
      const head = node.head.text;
      const ns = namespaceOf(head);
      if (ns && [...catalogue.keys].some((k) => k.startsWith(head))) record(ns, `${head}…`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

/** Every file reachable from `root` by static imports (and dynamic ones not owned by a kind), the root included. */
export function reachable(root: string, factsOf: (file: string) => FileFacts): Set<string> {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const f = factsOf(file);
    stack.push(...f.imports, ...f.dynamicImports);
  }
  return seen;
}

export type Violation = { root: string; namespace: string; file: string; keys: string[] };

/**
 * The namespaces used by what `root` reaches that neither `allowed` nor the
 * root's own declaration covers, with the file and keys that use each.
 */
export function undeclaredUses(root: string, allowed: readonly string[], factsOf: (file: string) => FileFacts): Violation[] {
  const ok = new Set([...allowed, ...(factsOf(root).declared ?? [])]);
  const out: Violation[] = [];
  for (const file of reachable(root, factsOf)) {
    for (const [namespace, keys] of factsOf(file).uses) {
      if (!ok.has(namespace)) out.push({ root, namespace, file, keys: [...keys].sort() });
    }
  }
  return out;
}

/** The island kinds (dynamic imports with their own i18n declaration) reachable from `root`. */
export function kindRootsFrom(root: string, factsOf: (file: string) => FileFacts) {
  return [...reachable(root, factsOf)].flatMap((file) => factsOf(file).kindRoots.map((k) => ({ ...k, declaredIn: file })));
}

export function memoFacts(appDir: string, catalogue: Catalogue) {
  const cache = new Map<string, FileFacts>();
  return (file: string) => {
    let f = cache.get(file);
    if (!f) cache.set(file, (f = fileFacts(file, appDir, catalogue)));
    return f;
  };
}
