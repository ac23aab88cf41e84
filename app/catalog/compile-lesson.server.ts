import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";

/** A lesson that cannot be compiled or rendered; the message names the file (and line when known). */
export class LessonBuildError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ""}` : ""}: ${reason}`);
    this.name = "LessonBuildError";
  }
}

type Place = { line?: number; column?: number };

/** The innermost cause of an MDX/esbuild failure carries the useful position and reason. */
function describe(error: unknown): { reason: string } & Place {
  let node: unknown = error;
  const esbuildErrors = (error as { errors?: { detail?: unknown; text?: string }[] })?.errors;
  if (esbuildErrors?.length) node = esbuildErrors[0].detail ?? esbuildErrors[0];
  let reason = error instanceof Error ? error.message : String(error);
  let place: Place = {};
  for (let depth = 0; node && depth < 10; depth++) {
    const n = node as {
      reason?: string;
      text?: string;
      line?: number;
      column?: number;
      place?: { line?: number; column?: number; start?: Place };
      cause?: unknown;
    };
    if (typeof n.reason === "string") reason = n.reason;
    else if (typeof n.text === "string") reason = n.text;
    const start = n.place?.start ?? n.place;
    if (start?.line) place = { line: start.line, column: start.column };
    else if (n.line) place = { line: n.line, column: n.column };
    node = n.cause;
  }
  if (!place.line) {
    // micromark reports positions only inside the text, e.g. "(3:1-3:6)".
    const m = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
    if (m) place = { line: Number(m[1]), column: Number(m[2]) };
  }
  return { reason: reason.replace(/\s+/g, " ").trim(), ...place };
}

/**
 * Compiles one lesson's MDX with mdx-bundler (esbuild inside). Called only by
 * the course build: request handlers read the rendered result from the cache.
 */
export async function compileLesson(source: string, file: string): Promise<string> {
  try {
    const { code } = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
      esbuildOptions(options) {
        // Errors are reported once, by us, with the lesson's file name.
        options.logLevel = "silent";
        return options;
      },
    });
    return code;
  } catch (error) {
    const { reason, line, column } = describe(error);
    throw new LessonBuildError(file, reason, line, column);
  }
}
