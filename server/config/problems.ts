/**
 * A problem found in a procedure package: the file, the JSON pointer of the
 * offending value inside it, and a plain French message for the admin.
 */
export type Problem = { file: string; pointer: string; message: string };

/** Builds a JSON pointer (RFC 6901) from a base pointer and more segments. */
export function pointer(base: string, ...segments: Array<string | number>): string {
  const escaped = segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1"));
  return [base === "/" ? "" : base, ...escaped].join("/") || "/";
}

/** `file › pointer › message`, the format printed by `npm run config:check`. */
export function formatProblem(problem: Problem): string {
  return `${problem.file} › ${problem.pointer || "/"} › ${problem.message}`;
}

/** Thrown when a package fails to load; carries every problem found. */
export class PackageError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`Paquet de procédure invalide (${problems.length} problème${problems.length > 1 ? "s" : ""}) :\n${problems.map(formatProblem).join("\n")}`);
    this.name = "PackageError";
  }
}
