import type { NextFunction, Request, Response } from "express";

/**
 * Every page of Tadrib is read with GET and written with a browser form
 * POST. Anything else — PUT, DELETE, a JSON body, a body with no type — is
 * refused here, in one place, with the status that says why (405, 415, 400)
 * and a message in the requester's language, before any route runs.
 *
 * One exception, for exactly one path: a SCORM attempt's commit takes JSON,
 * as application/json or as text/plain (what a beacon sends while the tab
 * closes), and judges it itself (app/scorm/commit-body.server.ts).
 */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const SCORM_COMMIT_PATH = /^\/api\/scorm\/attempts\/[A-Za-z0-9_-]{1,64}\/commit$/;
const SCORM_COMMIT_TYPES = new Set(["application/json", "text/plain"]);

function acceptsScormCommit(method: string, pathname: string, type: string): boolean {
  return method === "POST" && SCORM_COMMIT_PATH.test(pathname) && SCORM_COMMIT_TYPES.has(type);
}
export const ALLOWED_METHODS = "GET, HEAD, POST";

/** Translates a message key for the request's language (the app's catalogs live in the Remix build). */
export type Translate = (request: globalThis.Request, key: string) => Promise<string>;

function headersOf(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ["cookie", "accept-language"]) {
    const value = req.get(name);
    if (value) headers[name] = value;
  }
  return headers;
}

export function formRequestGuard(translate: Translate) {
  const refuse = async (req: Request, res: Response, status: number, key: string) => {
    const message = await translate(new globalThis.Request("http://localhost/", { headers: headersOf(req) }), key);
    res.status(status).type("text/plain").send(message);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const [type, ...params] = (req.get("content-type") ?? "").split(";").map((p) => p.trim().toLowerCase());
    if (acceptsScormCommit(req.method, req.path, type)) return next();
    let refusal: [number, string] | null = null;
    if (req.method !== "POST") {
      res.setHeader("Allow", ALLOWED_METHODS);
      refusal = [405, "common.http.methodNotAllowed"];
    } else if (!FORM_TYPES.has(type)) {
      refusal = [415, "common.http.unsupportedMediaType"];
    } else if (type === "multipart/form-data" && !params.some((p) => /^boundary=./.test(p))) {
      refusal = [400, "common.http.badRequest"];
    }
    if (!refusal) return next();
    refuse(req, res, ...refusal).catch(next);
  };
}
