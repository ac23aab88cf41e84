import { defineConfig } from "prisma/config";

// Prisma's own CLI is used only for `prisma generate` here: migrations are
// applied by app/db/migrate.server.ts (see docs/decisions/002-migrations.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
