import { healthCheck } from "~/db/health.server";

// For load balancers and uptime monitors; see docs/operations.md.
export const loader = () => healthCheck();
