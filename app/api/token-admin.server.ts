import { z } from "zod";
import { db } from "~/db/client.server";
import { userText } from "~/i18n/user-text";
import { createApiToken, listApiTokens, revokeApiToken } from "./tokens.server";

/** /admin/api-tokens: create (the token is in the answer to that one request only), list and revoke. */
export async function apiTokensPage() {
  const [tokens, organisations] = await Promise.all([
    listApiTokens(),
    db.organisation.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 2000 }),
  ]);
  return { tokens, organisations };
}

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    organisationId: z.string({ required_error: "api.tokens.errors.organisation" }).min(1, "api.tokens.errors.organisation").max(64),
    name: userText(z.string({ required_error: "api.tokens.errors.name" }).trim().min(1, "api.tokens.errors.name").max(100, "api.tokens.errors.name")),
  }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(100) }),
]);

export type TokenActionResult =
  | { ok: true; done: "created"; token: string; name: string }
  | { ok: true; done: "revoked" }
  | { ok: false; errors: Record<string, string[]>; values: { organisationId: string; name: string } };

export async function apiTokensAction(form: FormData, adminId: string): Promise<TokenActionResult> {
  const values = { organisationId: String(form.get("organisationId") ?? ""), name: String(form.get("name") ?? "") };
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message.startsWith("api.") ? issue.message : "api.tokens.errors.notFound");
    return { ok: false, errors, values };
  }
  const input = parsed.data;
  if (input.intent === "revoke") {
    if (!(await revokeApiToken(input.id))) return { ok: false, errors: { form: ["api.tokens.errors.notFound"] }, values };
    return { ok: true, done: "revoked" };
  }
  const organisation = await db.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, name: true } });
  if (!organisation) return { ok: false, errors: { organisationId: ["api.tokens.errors.organisation"] }, values };
  const { token } = await createApiToken({ organisationId: organisation.id, name: input.name, createdById: adminId });
  return { ok: true, done: "created", token, name: input.name };
}
