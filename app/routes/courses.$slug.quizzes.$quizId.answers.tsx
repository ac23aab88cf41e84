import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { saveAnswerRequest } from "~/learning/quiz/quiz-pages.server";

/** Only written to: a GET says so (405) instead of failing as a missing loader. */
export function loader(): never {
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

/** Resource route: the quiz island saves each answer here as it is given (JSON reply, no page). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return saveAnswerRequest(request, params.slug ?? "", params.quizId ?? "", user);
}
