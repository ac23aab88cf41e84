import net from "node:net";

/**
 * How the production build (server-build/index.js) is started outside
 * `npm start`: by Playwright's webServer (e2e-server.ts), the shutdown test
 * and the page-weight bench. Each gives it its own database and port.
 */
export function productionServerEnv(options: { port: number; dbFile: string; appUrl: string; logLevel?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    DATABASE_URL: `file:${options.dbFile}`,
    MAIL_TRANSPORT: "log",
    LOG_LEVEL: options.logLevel ?? "warn",
    APP_URL: options.appUrl,
  };
  // The database is seeded in full on purpose, even when the developer's shell says otherwise.
  delete env.SEED_ONLY_IF_EMPTY;
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
