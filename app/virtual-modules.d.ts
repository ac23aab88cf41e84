// Remix's Vite plugin provides this module; app/i18n/route-messages.server.ts reads its route table.
declare module "virtual:remix/server-build" {
  export const routes: import("@remix-run/node").ServerBuild["routes"];
}
