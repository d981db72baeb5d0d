/**
 * The one way the client talks to the server: JSON in and out, the session's
 * CSRF token on every state-changing request, and problem+json errors turned
 * into `ApiError` (French title/detail, field pointers) for the pages to show.
 */
export type ProblemField = { pointer: string; message: string; rule?: string; file?: string };
export type Problem = { code?: string; title: string; detail?: string; status: number; errors?: ProblemField[]; reasons?: Array<{ message: string }>; currentVersion?: number };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function toProblem(res: Response): Promise<Problem> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return { ...((await res.json()) as Problem), status: res.status };
    } catch {
      // fall through to the generic message
    }
  }
  return { title: res.status >= 500 ? "Le service est momentanément indisponible" : "La requête a échoué", detail: `Erreur ${res.status}. Réessayez dans un instant.`, status: res.status };
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { accept: "application/json", ...headers };
  if (method !== "GET" && csrfToken) h["x-csrf-token"] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    h["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers: h, body: payload, credentials: "same-origin" });
  } catch {
    throw new ApiError({ title: "Connexion au serveur impossible", detail: "Vérifiez votre connexion puis réessayez.", status: 0 });
  }
  if (!res.ok) throw new ApiError(await toProblem(res));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A fresh idempotency key, so that a retried click never applies an action twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
