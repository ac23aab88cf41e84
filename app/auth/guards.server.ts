import { redirect } from "@remix-run/node";
import { readSessionToken, validateSessionToken, type Role, type SessionUser } from "./session.server";

type Auth = Awaited<ReturnType<typeof validateSessionToken>>;

/**
 * The session is read (and possibly renewed) once per request, though the root loader and the route's loader
 * both ask. Remix hands each loader a Request object of its own, so a cache keyed by the Request alone misses;
 * loaders of one request start within one turn of the event loop, so the answer is also kept per session token
 * until that turn ends (setImmediate). Nothing is kept longer: the next request reads the session again, and a
 * logout is seen at once.
 */
const byRequest = new WeakMap<Request, Promise<Auth>>();
const byTokenThisTurn = new Map<string, Promise<Auth>>();

export function getAuth(request: Request): Promise<Auth> {
  let pending = byRequest.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validatedThisTurn(token) : Promise.resolve(null);
    byRequest.set(request, pending);
  }
  return pending;
}

function validatedThisTurn(token: string): Promise<Auth> {
  let pending = byTokenThisTurn.get(token);
  if (!pending) {
    pending = validateSessionToken(token);
    byTokenThisTurn.set(token, pending);
    setImmediate(() => byTokenThisTurn.delete(token));
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
