import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiTrained } from "~/api/trained.server";

/** GET /api/v1/trained?…: an organisation's trained counts, for its API token (docs/api.md). */
export function loader({ request }: LoaderFunctionArgs) {
  return apiTrained(request);
}
