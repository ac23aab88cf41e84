import { apiIndex } from "~/api/trained.server";

/** GET /api/v1: the endpoints and their parameters. */
export function loader() {
  return apiIndex();
}
