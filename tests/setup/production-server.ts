import fs from "node:fs";
import net from "node:net";

/**
 * How the production build (server-build/index.js) is started outside
 * `npm start`: by Playwright's webServer (e2e-server.ts), the shutdown test
 * and the page-weight bench. Each gives it its own database and port.
 */
export function productionServerEnv(options: {
  port: number;
  dbFile: string;
  appUrl: string;
  logLevel?: string;
  /** Server processes (decision 032): one unless asked, whatever the shell says; "default" leaves it to the server. */
  webConcurrency?: number | "default";
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    DATABASE_URL: `file:${options.dbFile}`,
    MAIL_TRANSPORT: "log",
    LOG_LEVEL: options.logLevel ?? "warn",
    APP_URL: options.appUrl,
    WEB_CONCURRENCY: String(options.webConcurrency ?? 1),
  };
  if (options.webConcurrency === "default") delete env.WEB_CONCURRENCY;
  // The database is seeded in full on purpose, even when the developer's shell says otherwise.
  delete env.SEED_ONLY_IF_EMPTY;
  delete env.HOUSEKEEPING;
  return env;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The processes whose parent is `pid` (a cluster's workers), found by reading every /proc/<n>/stat; [] without /proc. */
export function childProcesses(pid: number | undefined): number[] {
  if (pid === undefined || !fs.existsSync("/proc")) return [];
  const children: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command's closing parenthesis: state, then the parent's pid.
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(name));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}
