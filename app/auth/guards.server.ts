import { redirect } from "@remix-run/node";
import { readSessionToken, validateSessionToken, type Role, type SessionUser } from "./session.server";

/**
 * Request-scoped cache: the root loader and the route loader both ask for the
 * user; the session row is read (and possibly renewed) once per request.
 */
const cache = new WeakMap<Request, Promise<Awaited<ReturnType<typeof validateSessionToken>>>>();

export function getAuth(request: Request) {
  let pending = cache.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionToken(token) : Promise.resolve(null);
    cache.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getAuth(request))?.user ?? null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/** Admin passes every role check; other roles must match one of `roles`. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin" && !roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect("/me");
}
