import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Validated once at boot; everything else reads `env`, never process.env.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().default(`file:${path.resolve("data/tadrib.db")}`),
  /** The public origin (https://tadrib.example.org): every link in emails and on certificates is built from it. */
  APP_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
    .optional(),
  /** "log" writes mail to the outbox and the server log (dev/test); "smtp" sends with nodemailer. */
  MAIL_TRANSPORT: z.enum(["log", "smtp"]).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Tadrib <no-reply@tadrib.local>"),
  /** Where compiled lessons are cached (see app/catalog). */
  COURSES_DIR: z.string().default(path.resolve("courses")),
  /** Courses made on the server from SCORM packages (/admin/scorm), ordinary course folders built with COURSES_DIR's (decision 026). */
  PACKAGE_COURSES_DIR: z.string().default(path.resolve("data/courses")),
  COURSE_CACHE_DIR: z.string().default(path.resolve(".cache/courses")),
  /** Files learners attach to assignment submissions (names are random ids; see app/learning/assignment). */
  UPLOADS_DIR: z.string().default(path.resolve("data/uploads")),
  /** Imported SCORM packages, unpacked, one folder per package named by the SHA-256 of its zip (see app/scorm). */
  SCORM_DIR: z.string().default(path.resolve("data/scorm")),
  /** A SCORM package with more files, or more bytes once unzipped, is refused. */
  SCORM_MAX_FILES: z.coerce.number().int().min(1).default(5000),
  SCORM_MAX_BYTES: z.coerce.number().int().min(1).default(500 * 1024 * 1024),
  /**
   * A separate origin for package content (https://scorm.example.org, pointing at this same server), so a
   * package's scripts never share Tadrib's origin even outside their sandbox (docs/operations.md).
   */
  SCORM_CONTENT_ORIGIN: z
    .string()
    .url()
    .refine((v) => /^https?:\/\/[^/]+\/?$/.test(v), "must be an origin: http(s)://host[:port], no path")
    .transform((v) => v.replace(/\/$/, ""))
    .optional(),
  /** `npm run db:seed` leaves a database that already has users alone (set by `npm start`). */
  SEED_ONLY_IF_EMPTY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Trust X-Forwarded-For from a reverse proxy when computing the client IP. */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /**
   * How many server processes share PORT in production (Node's cluster, decision 032). Unset: one per CPU core,
   * at most DEFAULT_MAX_PROCESSES. 1: no cluster, one process, as before. Development (Vite) always runs one.
   */
  WEB_CONCURRENCY: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(64).optional()),
  /**
   * Whether this process runs the housekeeping jobs (mail retries, pruning, scheduled reports). With several
   * processes the cluster's primary sets it for one worker only; set it to false on every server but one when
   * several servers share one database.
   */
  HOUSEKEEPING: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /**
   * How many MB of rendered pages each server process keeps to send again (app/http/render-once.server.ts,
   * decision 034); 0 renders every page on every request. Production only: in development the code changes under it.
   */
  RENDER_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** The organisation named on certificates, and its logo (a PNG, JPEG or SVG file), if any. */
  CERTIFICATE_ISSUER_NAME: z.string().min(1).default("Tadrib"),
  CERTIFICATE_ISSUER_LOGO: z
    .string()
    .optional()
    .refine((file) => !file || fs.existsSync(file), "no such file"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment variables:\n${issues}`);
  }
  const value = parsed.data;
  if (value.NODE_ENV === "production" && value.MAIL_TRANSPORT === "smtp" && !value.SMTP_URL) {
    throw new Error("Invalid environment variables:\n  SMTP_URL: required when MAIL_TRANSPORT=smtp");
  }
  return value;
}

export const env = load();

export function mailTransport(): "log" | "smtp" {
  return env.MAIL_TRANSPORT ?? (env.NODE_ENV === "production" && env.SMTP_URL ? "smtp" : "log");
}

/** The default number of server processes is one per core, but no more than this: each holds its own copy of the app (200–300 MB). */
export const DEFAULT_MAX_PROCESSES = 4;

/** How many processes serve HTTP (WEB_CONCURRENCY): always 1 outside production (Vite's dev server, tests). */
export function serverProcesses(value: Env = env): number {
  if (value.NODE_ENV !== "production") return 1;
  return value.WEB_CONCURRENCY ?? Math.min(os.availableParallelism(), DEFAULT_MAX_PROCESSES);
}

/** The filesystem path of the SQLite database named by DATABASE_URL. */
export function databasePath(url = env.DATABASE_URL): string {
  return path.resolve(url.replace(/^file:/, ""));
}
