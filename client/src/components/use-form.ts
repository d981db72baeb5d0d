/**
 * A form's state: busy while its request runs, the server's refusal, and the
 * field errors — the client's own checks first, else the server's pointers
 * ("/password" → the field "password").
 */
import { useCallback, useState } from "react";
import { ApiError } from "../api/http";
import type { SummaryError } from "./error-summary";

export type FieldErrors = Record<string, string>;

export function serverFieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const f of error.problem.errors ?? []) {
    const name = f.pointer.split("/")[1];
    if (name && !out[name]) out[name] = f.message;
  }
  return out;
}

export function useForm() {
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  /** Runs `check` (the client's errors); if none, `send`. Returns whether `send` succeeded. */
  const submit = useCallback(async (check: FieldErrors, send: () => Promise<void>): Promise<boolean> => {
    setError(null);
    setInvalid(check);
    if (Object.keys(check).length > 0) return false;
    setBusy(true);
    try {
      await send();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const fields = Object.keys(invalid).length > 0 ? invalid : serverFieldErrors(error);
  const summary: SummaryError[] = Object.entries(invalid).map(([name, message]) => ({ pointer: `/${name}`, message }));
  return { error, setError, busy, submit, fields, summary };
}

/** Checks of the fields most forms share. */
export const checks = {
  required(value: string, message: string): string | undefined { return value.trim() === "" ? message : undefined; },
  email(value: string): string | undefined {
    if (value.trim() === "") return "Saisissez une adresse électronique.";
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? undefined : "Saisissez une adresse électronique valide, au format nom@domaine.fr.";
  },
  password(value: string): string | undefined { return value.length < 12 ? "Le mot de passe doit compter au moins 12 caractères." : undefined; },
  confirmation(value: string, password: string): string | undefined { return value !== password ? "Les deux mots de passe saisis ne sont pas identiques." : undefined; },
};

/** Keeps only the errors that exist. */
export function only(errors: Record<string, string | undefined>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => !!e[1]));
}
