import type { AppLoadContext } from "@remix-run/node";
import { createContext, useContext, type HTMLAttributes } from "react";

/**
 * HTML that a document sends once, in its markup, and not a second time in its inline loader data (decision 033).
 * A lesson's rendered MDX is most of what the lesson page's loader returns; hydration never needs it as data,
 * because the browser already has it as elements. So a loader run for a document (server/index.ts sets
 * `documentRequest`) hands such HTML to this render through the load context and returns null in its place;
 * the component finds it there on the server, and in the page it is hydrating in the browser. A data request
 * (client-side navigation, revalidation) still gets the HTML itself in its data.
 */
type Store = Map<string, string>;
const MarkupHtmlContext = createContext<Store | null>(null);

/** entry.server.tsx wraps each document render in it, with `loadContext.markupHtml`. */
export const MarkupHtmlProvider = MarkupHtmlContext.Provider;

/** In a loader: the HTML itself for a data request; for a document, null, and the HTML is kept for the render. */
export function markupOnly(context: AppLoadContext, key: string, html: string): string | null {
  if (!context.documentRequest) return html;
  (context.markupHtml ??= new Map()).set(key, html);
  return null;
}

// In the browser: what the hydrated document held, read once per key (client code may change those elements later).
const hydrated = new Map<string, string>();

function useMarkupHtml(key: string, html: string | null): string {
  const store = useContext(MarkupHtmlContext);
  if (html !== null) return html;
  if (store) return store.get(key) ?? "";
  let kept = hydrated.get(key);
  if (kept === undefined) {
    kept = document.querySelector(`[data-markup-html="${CSS.escape(key)}"]`)?.innerHTML ?? "";
    hydrated.set(key, kept);
  }
  return kept;
}

type Props = Omit<HTMLAttributes<HTMLDivElement>, "dangerouslySetInnerHTML" | "children"> & {
  /** Unique on the page and to its content (the same key never stands for two different HTMLs). */
  htmlKey: string;
  /** From `markupOnly`: null when the document's markup carries it. */
  html: string | null;
};

/** A div holding trusted HTML (built from the course's own files, never from user input). */
export function MarkupOnlyHtml({ htmlKey, html, ...attributes }: Props) {
  return <div {...attributes} data-markup-html={htmlKey} dangerouslySetInnerHTML={{ __html: useMarkupHtml(htmlKey, html) }} />;
}
