import { getMDXComponent } from "mdx-bundler/client/index.js";
import { Children, createElement, isValidElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { isLocale, type Locale } from "~/i18n/locales";
import { LessonBuildError } from "./compile-lesson.server";
import { mediaComponents } from "./media-components.server";
import { type MediaFile, type MediaUse } from "./media-files.server";
import type { JsonValue, LessonHeading, Segment } from "./types";

/**
 * Bumped whenever this file changes what HTML a lesson turns into, so every
 * cached lesson is rendered again (it is part of the cache key).
 */
export const RENDERER_VERSION = "3";

/**
 * MDX components that become interactive islands, by the kind the lesson page
 * looks up in app/catalog/islands.tsx. Adding assignments or SCORM players is
 * one line here plus a component there.
 */
export const ISLAND_COMPONENTS: Record<string, string> = { Quiz: "quiz", Assignment: "assignment" };

const CALLOUT_TYPES = ["note", "warning", "tip"] as const;
type CalloutType = (typeof CALLOUT_TYPES)[number];

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const MARKER = /<tadrib-island data-kind="[^"]*" data-index="(\d+)"><\/tadrib-island>/g;

export type RenderedLesson = {
  segments: Segment[];
  headings: LessonHeading[];
  /** Names of the files the lesson shows, in <cacheDir>/media/. */
  media: string[];
};

export type RenderOptions = {
  /** The lesson's language (srclang of captions, texts around media); read from the file name when absent. */
  lang?: Locale;
  /** Checks and copies a file the lesson names (the course build's); without it a lesson cannot show media. */
  resolveMedia?: (src: string, use: MediaUse) => MediaFile;
};

function languageOf(file: string): Locale {
  const lang = /\.([a-z]{2})\.mdx$/.exec(file)?.[1] ?? "";
  return isLocale(lang) ? lang : "fr";
}

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

function slugify(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

/** How many elements are still open at the end of `html` (React's markup is well-formed). */
function openElements(html: string): number {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing || VOID_ELEMENTS.has(name.toLowerCase())) continue;
    depth += closing ? -1 : 1;
  }
  return depth;
}

function jsonProps(props: Record<string, unknown>, component: string, file: string): Record<string, JsonValue> {
  const { children, ...rest } = props;
  if (children !== undefined) throw new LessonBuildError(file, `<${component}> takes no content: write <${component} … />`);
  for (const [key, value] of Object.entries(rest)) {
    const ok = JSON.stringify(value) !== undefined && typeof value !== "function";
    if (!ok) throw new LessonBuildError(file, `<${component}> prop "${key}" must be plain data (text, number, list)`);
  }
  return JSON.parse(JSON.stringify(rest)) as Record<string, JsonValue>;
}

/**
 * Runs compiled MDX (build time only: getMDXComponent uses `new Function`,
 * which the site's CSP forbids in browsers) and renders it to static HTML,
 * then splits the HTML at island markers into html/island segments.
 */
export function renderLesson(code: string, file: string, options: RenderOptions = {}): RenderedLesson {
  const media = new Set<string>();
  const resolveMedia =
    options.resolveMedia ??
    (() => {
      throw new Error("media files are only read by the course build");
    });
  const mediaParts = mediaComponents({
    file,
    lang: options.lang ?? languageOf(file),
    resolve: (src, use) => {
      const found = resolveMedia(src, use);
      media.add(found.name);
      return found;
    },
  });
  const islands: { kind: string; props: Record<string, JsonValue> }[] = [];
  const headings: LessonHeading[] = [];
  const usedIds = new Map<string, number>();

  const heading = (level: 2 | 3) =>
    function Heading({ children }: { children?: ReactNode }) {
      const text = textOf(Children.toArray(children)).trim();
      const base = slugify(text);
      const count = usedIds.get(base) ?? 0;
      usedIds.set(base, count + 1);
      const id = count ? `${base}-${count + 1}` : base;
      headings.push({ level, id, text });
      const Tag = level === 2 ? "h2" : "h3";
      return <Tag id={id}>{children}</Tag>;
    };

  const islandComponents = Object.fromEntries(
    Object.entries(ISLAND_COMPONENTS).map(([component, kind]) => [
      component,
      function IslandMarker(props: Record<string, unknown>) {
        const index = islands.push({ kind, props: jsonProps(props, component, file) }) - 1;
        return createElement("tadrib-island", { "data-kind": kind, "data-index": index });
      },
    ]),
  );

  const components = {
    ...islandComponents,
    Image: mediaParts.Image,
    Video: mediaParts.Video,
    Audio: mediaParts.Audio,
    img: mediaParts.img,
    // An image becomes a <figure>, which may not sit inside a <p>: alone in its paragraph it replaces
    // the paragraph, inside a sentence it is refused.
    p({ children }: { children?: ReactNode }) {
      const parts = Children.toArray(children).filter((c) => typeof c !== "string" || c.trim());
      const images = parts.filter(mediaParts.isImage);
      if (images.length && parts.length === 1) return <>{parts[0]}</>;
      if (images.length) throw new LessonBuildError(file, "an image must stand on its own line, with a blank line before and after, not inside a sentence");
      return <p>{children}</p>;
    },
    h1: () => {
      throw new LessonBuildError(file, "use ## (h2) and ### (h3) for headings: the lesson title is the page's only h1");
    },
    h2: heading(2),
    h3: heading(3),
    // Wide tables scroll inside their own box on phones, never the page; the
    // box is focusable so keyboard users can scroll it too.
    table: ({ children }: { children?: ReactNode }) => (
      <div className="table-wrap" tabIndex={0}>
        <table>{children}</table>
      </div>
    ),
    Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children?: ReactNode }) {
      if (!CALLOUT_TYPES.includes(type)) {
        throw new LessonBuildError(file, `<Callout type="${type}">: type must be one of ${CALLOUT_TYPES.join(", ")}`);
      }
      return (
        <aside className={`callout callout-${type}`}>
          {title ? <p className="callout-title">{title}</p> : null}
          {children}
        </aside>
      );
    },
  };

  let html: string;
  try {
    const Lesson = getMDXComponent(code);
    html = renderToStaticMarkup(<Lesson components={components} />);
  } catch (error) {
    if (error instanceof LessonBuildError) throw error;
    throw new LessonBuildError(file, error instanceof Error ? error.message : String(error));
  }

  const segments: Segment[] = [];
  let cursor = 0;
  const pushHtml = (chunk: string) => {
    if (chunk.trim()) segments.push({ type: "html", html: chunk.trim() });
  };
  for (const m of html.matchAll(MARKER)) {
    const before = html.slice(cursor, m.index);
    const island = islands[Number(m[1])];
    if (openElements(html.slice(0, m.index)) !== 0) {
      const name = Object.keys(ISLAND_COMPONENTS).find((c) => ISLAND_COMPONENTS[c] === island.kind);
      throw new LessonBuildError(file, `<${name}> must stand on its own line at the top level of the lesson, not inside a list, table or <Callout>`);
    }
    pushHtml(before);
    segments.push({ type: "island", kind: island.kind, props: island.props });
    cursor = m.index + m[0].length;
  }
  pushHtml(html.slice(cursor));
  return { segments, headings, media: [...media] };
}
