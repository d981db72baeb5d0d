/**
 * The draft being edited: its data, the live evaluation (computed values,
 * rule results, field errors) asked to the server a moment after each change
 * without saving, and the autosave a little later. Saves and uploads go
 * through one queue, each with the dossier's version, so two never race; a
 * change made elsewhere meanwhile is reported as a conflict, never overwritten.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "../../api/http";
import type { Attachment, Dossier, Evaluation, SavedDossier } from "../../api/types";
import { pruneEmpty } from "../../forms/prune-empty";

const EVALUATE_AFTER_MS = 300;
const SAVE_AFTER_MS = 1500;

export type SaveStatus = { kind: "saved" | "dirty" | "saving" | "conflict" | "error"; at?: Date; error?: unknown };

export function useDraft(initial: Dossier) {
  const [data, setData] = useState<Record<string, unknown>>(initial.data);
  const [evaluation, setEvaluation] = useState<Evaluation & { forJson: string | null }>({ computed: initial.computed, rules: initial.ruleResults, errors: [], forJson: null });
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved" });
  const latest = useRef(initial.data);
  const savedJson = useRef(JSON.stringify(initial.data));
  const version = useRef(initial.version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timers = useRef<{ evaluate?: number; save?: number }>({});
  const evaluationSeq = useRef(0);
  const blocked = useRef(false);

  const enqueue = useCallback(<T,>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task, task);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const evaluate = useCallback(async () => {
    const seq = ++evaluationSeq.current;
    const forJson = JSON.stringify(latest.current);
    try {
      const result = await api<Evaluation>("POST", `/api/versions/${initial.versionId}/evaluate`, { data: latest.current, facts: initial.facts });
      if (seq === evaluationSeq.current) setEvaluation({ ...result, forJson });
    } catch {
      // The live evaluation is a convenience: the next save evaluates too.
    }
  }, [initial.versionId, initial.facts]);

  const save = useCallback(() => enqueue(async () => {
    window.clearTimeout(timers.current.save);
    const json = JSON.stringify(latest.current);
    if (blocked.current || json === savedJson.current) return;
    setStatus({ kind: "saving" });
    try {
      const saved = await api<SavedDossier>("PUT", `/api/dossiers/${initial.id}/data`, { data: latest.current, expectedVersion: version.current });
      version.current = saved.dossier.version;
      savedJson.current = json;
      if (JSON.stringify(latest.current) === json) {
        evaluationSeq.current++;
        setEvaluation({ computed: saved.dossier.computed, rules: saved.dossier.ruleResults, errors: saved.fieldErrors, forJson: json });
      }
      setStatus(JSON.stringify(latest.current) === json ? { kind: "saved", at: new Date() } : { kind: "dirty" });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) blocked.current = true;
      setStatus({ kind: error instanceof ApiError && error.status === 409 ? "conflict" : "error", error });
      throw error;
    }
  }), [enqueue, initial.id]);

  const change = useCallback((next: Record<string, unknown>) => {
    latest.current = pruneEmpty(next) as Record<string, unknown>;
    setData(next);
    if (JSON.stringify(latest.current) === savedJson.current) return;
    setStatus((s) => (s.kind === "conflict" ? s : { kind: "dirty" }));
    window.clearTimeout(timers.current.evaluate);
    window.clearTimeout(timers.current.save);
    timers.current.evaluate = window.setTimeout(() => void evaluate(), EVALUATE_AFTER_MS);
    timers.current.save = window.setTimeout(() => void save().catch(() => undefined), SAVE_AFTER_MS);
  }, [evaluate, save]);

  const upload = useCallback((file: File) => enqueue(async () => {
    const form = new FormData();
    form.set("file", file);
    const attachment = await api<Attachment>("POST", `/api/dossiers/${initial.id}/attachments`, form);
    version.current = (await api<Dossier>("GET", `/api/dossiers/${initial.id}`)).version;
    return attachment;
  }), [enqueue, initial.id]);

  /** Saves now (if needed) and gives the version to act on. */
  const flush = useCallback(async () => {
    await save();
    return version.current;
  }, [save]);

  useEffect(() => {
    void evaluate();
    const warn = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(latest.current) !== savedJson.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.clearTimeout(timers.current.evaluate);
      window.clearTimeout(timers.current.save);
      // Leaving the page within the autosave delay: save what was typed.
      if (JSON.stringify(latest.current) !== savedJson.current) void save().catch(() => undefined);
    };
  }, [evaluate, save]);

  /** Whether the evaluation is that of the data as it is now (not of a few keystrokes ago). */
  const fresh = evaluation.forJson === JSON.stringify(latest.current);
  return { data, evaluation, fresh, status, change, save, flush, upload };
}
