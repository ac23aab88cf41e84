import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { databasePath, env } from "~/config/env.server";
import { PrismaClient } from "./generated/client";
import { PRAGMA_SCRIPT } from "./pragmas.server";
import { closeReader } from "./read.server";

export type Db = PrismaClient;

/** Wraps Prisma's better-sqlite3 adapter so each connection gets our pragmas. */
function adapterWithPragmas(file: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      await adapter.executeScript(PRAGMA_SCRIPT);
      return adapter;
    },
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}

export function createDb(url = env.DATABASE_URL): Db {
  const file = databasePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: adapterWithPragmas(file) });
}

// One client per process: the dev server re-imports modules on every change,
// and the Express server and the Remix build share this through globalThis.
const globalForDb = globalThis as unknown as { __tadribDb?: Db };

export const db: Db = (globalForDb.__tadribDb ??= createDb());

export async function closeDb(): Promise<void> {
  closeReader();
  await globalForDb.__tadribDb?.$disconnect();
}
