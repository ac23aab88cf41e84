import type { Role } from "./session.server";

/** Where each role starts after logging in, when nothing asked for another page. */
export function homeFor(role: Role): string {
  if (role === "admin") return "/admin";
  if (role === "reviewer") return "/review";
  return "/courses";
}
