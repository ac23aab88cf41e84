import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { migrate, openDatabase } from "~/db/migrate.server";
import { actualSchema, compareSchemas, expectedSchema, type SchemaShape } from "../setup/schema-compare";

const SCHEMA_FILE = "prisma/schema.prisma";

function migratedSchema(): SchemaShape {
  const database = openDatabase(":memory:");
  try {
    migrate(database);
    return actualSchema(database);
  } finally {
    database.close();
  }
}

function drift(prismaSchema: string, database: SchemaShape): string[] {
  return compareSchemas(expectedSchema(prismaSchema), database);
}

/** Edits the real schema; throws if the pattern no longer matches so a stale edit cannot pass silently. */
function edit(schema: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(schema)) throw new Error(`Pattern ${pattern} not found in ${SCHEMA_FILE}`);
  return schema.replace(pattern, replacement);
}

describe("prisma/migrations and prisma/schema.prisma", () => {
  it("describe the same tables, columns, indexes and foreign keys", () => {
    const diffs = drift(fs.readFileSync(SCHEMA_FILE, "utf8"), migratedSchema());
    expect(
      diffs,
      `Applying every migration does not give what schema.prisma declares. Add a migration ` +
        `(never edit an applied one) written as Prisma Migrate would:\n  ${diffs.join("\n  ")}\n`,
    ).toEqual([]);
  });
});

describe("the drift check reports", () => {
  const schema = fs.readFileSync(SCHEMA_FILE, "utf8");
  const database = migratedSchema();
  // Only what the edit introduced, so these stay meaningful while the real schema is mid-change.
  const baseline = drift(schema, database);
  const introduced = (changed: string) => drift(changed, database).filter((d) => !baseline.includes(d));

  it("a field the migrations never added", () => {
    const changed = edit(schema, /model User \{\n/, `model User {\n  nickname String?\n`);
    expect(introduced(changed)).toEqual([
      `column "User"."nickname": declared as TEXT, missing from the database`,
    ]);
  });

  it("a column the schema no longer declares", () => {
    const changed = edit(schema, /(model User \{[^}]*?)\n\s+consentedAt\s+DateTime\?/, "$1");
    expect(introduced(changed)).toEqual([
      `column "User"."consentedAt": in the database as DATETIME, not declared in schema.prisma`,
    ]);
  });

  it("changed nullability", () => {
    const changed = edit(schema, /(model User \{[^}]*?\n\s+name\s+)String\n/, "$1String?\n");
    expect(introduced(changed)).toEqual([
      `column "User"."name": schema.prisma says TEXT, database has TEXT NOT NULL`,
    ]);
  });

  it("a changed default", () => {
    const changed = edit(schema, /(model User \{[^}]*?)@default\(learner\)/, `$1@default(reviewer)`);
    expect(introduced(changed)).toEqual([
      `column "User"."role": schema.prisma says TEXT NOT NULL DEFAULT 'reviewer', database has TEXT NOT NULL DEFAULT 'learner'`,
    ]);
  });

  it("an index missing from the database, and one the schema dropped", () => {
    const added = edit(schema, /(model Course \{[^}]*?)\n\}/, "$1\n  @@index([createdAt])\n}");
    expect(introduced(added)).toEqual([
      `index "Course_createdAt_idx" on "Course": declared as (createdAt), missing from the database`,
    ]);
    const removed = edit(schema, /(model AuthSession \{[^}]*?)\n\s+@@index\(\[expiresAt\]\)/, "$1");
    expect(introduced(removed)).toEqual([
      `index "AuthSession_expiresAt_idx" on "AuthSession": in the database as (expiresAt), not declared in schema.prisma`,
    ]);
  });

  it("a unique index that became a plain one", () => {
    const changed = edit(schema, /(model User \{[^}]*?email\s+String\?\s+)@unique/, "$1");
    const withIndex = edit(changed, /(model User \{[^}]*?)\n\}/, "$1\n  @@index([email], map: \"User_email_key\")\n}");
    expect(introduced(withIndex)).toEqual([
      `index "User_email_key" on "User": schema.prisma says (email), database has UNIQUE (email)`,
    ]);
  });

  it("a changed onDelete, and Prisma's default actions when none is given", () => {
    const restrict = edit(
      schema,
      /(model Password \{[^}]*?)onDelete: Cascade/,
      "$1onDelete: Restrict",
    );
    expect(introduced(restrict)).toEqual([
      `foreign key on "Password": declared (userId) REFERENCES User(id) ON DELETE RESTRICT ON UPDATE CASCADE, missing from the database`,
      `foreign key on "Password": in the database (userId) REFERENCES User(id) ON DELETE CASCADE ON UPDATE CASCADE, not declared in schema.prisma`,
    ]);
    const unspecified = edit(schema, /(model Password \{[^}]*?), onDelete: Cascade/, "$1");
    expect(introduced(unspecified)[0]).toBe(
      `foreign key on "Password": declared (userId) REFERENCES User(id) ON DELETE RESTRICT ON UPDATE CASCADE, missing from the database`,
    );
  });

  it("a partial index nobody listed, or one changed or gone", () => {
    const db = openDatabase(":memory:");
    try {
      migrate(db);
      db.exec(`CREATE UNIQUE INDEX "Course_one_slug_key" ON "Course"("slug") WHERE "slug" <> ''`);
      db.exec(`DROP INDEX "Membership_one_current_key"`);
      db.exec(`CREATE UNIQUE INDEX "Membership_one_current_key" ON "Membership"("userId", "role") WHERE "endedAt" IS NULL`);
      db.exec(`DROP INDEX "Cohort_one_open_per_course_key"`);
      const diffs = drift(schema, actualSchema(db)).filter((d) => !baseline.includes(d));
      expect(diffs).toEqual([
        `partial index "Cohort_one_open_per_course_key" on "Cohort": listed in PARTIAL_INDEXES, missing from the database`,
        `partial index "Course_one_slug_key" on "Course": not listed in PARTIAL_INDEXES (CREATE UNIQUE INDEX "Course_one_slug_key" ON "Course"("slug") WHERE "slug" <> '')`,
        `partial index "Membership_one_current_key" on "Membership": PARTIAL_INDEXES says CREATE UNIQUE INDEX "Membership_one_current_key" ON "Membership"("userId") WHERE "endedAt" IS NULL, database has CREATE UNIQUE INDEX "Membership_one_current_key" ON "Membership"("userId", "role") WHERE "endedAt" IS NULL`,
      ]);
    } finally {
      db.close();
    }
  });

  it("a model without a table", () => {
    const changed = `${schema}\nmodel Orphan {\n  id  String @id\n  at  DateTime @default(now())\n}\n`;
    expect(introduced(changed)).toEqual([
      `table "Orphan": declared in schema.prisma, missing from the migrated database`,
    ]);
  });
});

describe("the expected schema follows Prisma Migrate's SQLite rules", () => {
  // Written the way `prisma migrate dev` writes it for the schema below.
  const prismaSchema = `
datasource db {
  provider = "sqlite"
}

enum Level {
  LOW
  HIGH  @map("high")
}

model Team {
  id      Int      @id @default(autoincrement())
  name    String   @unique(map: "team_name")
  level   Level    @default(HIGH)
  score   Float    @default(1.5)
  active  Boolean  @default(true)
  budget  Decimal?
  big     BigInt   @default(7)
  logo    Bytes?
  meta    Json?
  motto   String   @default("it's")
  members Member[]
  tags    Tag[]

  @@map("teams")
}

model Member {
  teamId  Int
  email   String   @map("mail")
  joined  DateTime @default(now())
  updated DateTime @updatedAt
  team    Team?    @relation(fields: [teamId], references: [id])

  @@id([teamId, email])
  @@unique([email, joined])
  @@index([joined(sort: Desc), teamId])
}

model Tag {
  id    String @id @default(cuid())
  teams Team[]
}
`;
  const migrationSql = `
CREATE TABLE "teams" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'high',
    "score" REAL NOT NULL DEFAULT 1.5,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "budget" DECIMAL,
    "big" BIGINT NOT NULL DEFAULT 7,
    "logo" BLOB,
    "meta" JSONB,
    "motto" TEXT NOT NULL DEFAULT 'it''s'
);
CREATE TABLE "Member" (
    "teamId" INTEGER NOT NULL,
    "mail" TEXT NOT NULL,
    "joined" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated" DATETIME NOT NULL,

    PRIMARY KEY ("teamId", "mail"),
    CONSTRAINT "Member_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL PRIMARY KEY
);
CREATE TABLE "_TagToTeam" (
    "A" TEXT NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_TagToTeam_A_fkey" FOREIGN KEY ("A") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_TagToTeam_B_fkey" FOREIGN KEY ("B") REFERENCES "teams" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "team_name" ON "teams"("name");
CREATE INDEX "Member_joined_teamId_idx" ON "Member"("joined" DESC, "teamId");
CREATE UNIQUE INDEX "Member_mail_joined_key" ON "Member"("mail", "joined");
CREATE UNIQUE INDEX "_TagToTeam_AB_unique" ON "_TagToTeam"("A", "B");
CREATE INDEX "_TagToTeam_B_index" ON "_TagToTeam"("B");
`;

  function databaseFrom(sql: string): SchemaShape {
    const database = openDatabase(":memory:");
    try {
      database.exec(sql);
      return actualSchema(database);
    } finally {
      database.close();
    }
  }

  it("agrees with SQL written as Prisma writes it", () => {
    expect(drift(prismaSchema, databaseFrom(migrationSql))).toEqual([]);
  });

  it("notices a composite primary key in the wrong order and a lost DESC", () => {
    const sql = migrationSql
      .replace(`PRIMARY KEY ("teamId", "mail")`, `PRIMARY KEY ("mail", "teamId")`)
      .replace(`"joined" DESC`, `"joined"`);
    expect(drift(prismaSchema, databaseFrom(sql))).toEqual([
      `column "Member"."mail": schema.prisma says TEXT NOT NULL (primary key #2), database has TEXT NOT NULL (primary key #1)`,
      `column "Member"."teamId": schema.prisma says INTEGER NOT NULL (primary key #1), database has INTEGER NOT NULL (primary key #2)`,
      `index "Member_joined_teamId_idx" on "Member": schema.prisma says (joined DESC, teamId), database has (joined, teamId)`,
    ]);
  });

  it("notices a wrong type, an enum default written with its Prisma name and a missing join table", () => {
    const sql = migrationSql
      .replace(`"score" REAL`, `"score" DOUBLE`)
      .replace(`DEFAULT 'high'`, `DEFAULT 'HIGH'`)
      .replace(/CREATE TABLE "_TagToTeam"[\s\S]*?\);\n/, "")
      .replace(/CREATE (UNIQUE )?INDEX "_TagToTeam[^\n]*\n/g, "");
    expect(drift(prismaSchema, databaseFrom(sql))).toEqual([
      `table "_TagToTeam": declared in schema.prisma, missing from the migrated database`,
      `column "teams"."level": schema.prisma says TEXT NOT NULL DEFAULT 'high', database has TEXT NOT NULL DEFAULT 'HIGH'`,
      `column "teams"."score": schema.prisma says REAL NOT NULL DEFAULT 1.5, database has DOUBLE NOT NULL DEFAULT 1.5`,
    ]);
  });
});
