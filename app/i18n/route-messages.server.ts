import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { messagesIn } from "./catalog";
import type { Locale } from "./locales";
import { declaredNamespaces, type Namespace } from "./namespaces";

/**
 * The messages the page at `url` needs: `common` plus the namespaces declared
 * by the `handle` of every route matching it (docs/decisions/028). The root
 * loader cannot see the matched routes, so it matches the URL against the
 * server build's route table itself. With single fetch the root loader runs
 * on every navigation, client-side ones included (request.url is then the
 * target page), so the messages of the next page always arrive with its data.
 */
export async function routeMessages(url: URL, locale: Locale) {
  return messagesIn(locale, await routeNamespaces(url.pathname));
}

/**
 * Matching flattens and ranks the whole route table on every call (about
 * 0.6 ms a page, decision 029), and the answer depends only on the path: kept
 * per path, at most NAMESPACE_PATHS of them (the map starts afresh when full,
 * so paths nobody links to cannot grow it).
 */
const NAMESPACE_PATHS = 2_000;
const namespacesByPath = new Map<string, Namespace[]>();

export async function routeNamespaces(pathname: string): Promise<Namespace[]> {
  const known = namespacesByPath.get(pathname);
  if (known) return known;
  const { tree, handles } = await routeTable();
  const matches = matchRoutes(tree, pathname) ?? [];
  const namespaces = declaredNamespaces(matches.map((m) => handles.get(m.route.id ?? "")));
  if (namespacesByPath.size >= NAMESPACE_PATHS) namespacesByPath.clear();
  namespacesByPath.set(pathname, namespaces);
  return namespaces;
}

type RouteObject = Parameters<typeof matchRoutes>[0][number];

let table: Promise<{ tree: RouteObject[]; handles: Map<string, unknown> }> | undefined;

function routeTable() {
  // Imported when first needed: the server build imports this module (through root.tsx) itself.
  table ??= import("virtual:remix/server-build").then(({ routes }) => buildTable(routes));
  return table;
}

export function buildTable(routes: ServerBuild["routes"]) {
  const children = (parentId: string | undefined): RouteObject[] =>
    Object.values(routes)
      .filter((r) => r?.parentId === parentId)
      .map((r) => {
        const kids = children(r!.id);
        return r!.index
          ? { id: r!.id, index: true, path: r!.path, caseSensitive: r!.caseSensitive }
          : { id: r!.id, path: r!.path, caseSensitive: r!.caseSensitive, children: kids.length ? kids : undefined };
      });
  const handles = new Map(Object.values(routes).map((r) => [r!.id, r!.module.handle]));
  return { tree: children(undefined), handles };
}
