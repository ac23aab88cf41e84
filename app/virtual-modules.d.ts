// Remix's Vite plugin provides this module; app/i18n/route-messages.server.ts reads its route table.
declare module "virtual:remix/server-build" {
  import type { ServerBuild } from "@remix-run/node";
  export const routes: ServerBuild["routes"];
}
