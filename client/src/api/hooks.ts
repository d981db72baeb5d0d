/**
 * Loading data in pages: `useApi` fetches a path (again when it changes or on
 * `reload()`), `useVersion` gives a procedure version's detail, fetched once
 * per version for the whole session (versions are immutable).
 */
import { useCallback, useEffect, useState } from "react";
import { api } from "./http";
import type { ProcedureDetail } from "./types";

export type Loaded<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => void };

export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>("GET", path)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error: unknown) => live && setState({ data: undefined, error, loading: false }));
    return () => { live = false; };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

const versions = new Map<string, Promise<ProcedureDetail>>();

export function loadVersion(versionId: string): Promise<ProcedureDetail> {
  let entry = versions.get(versionId);
  if (!entry) {
    entry = api<ProcedureDetail>("GET", `/api/versions/${versionId}`);
    entry.catch(() => versions.delete(versionId));
    versions.set(versionId, entry);
  }
  return entry;
}

export function useVersion(versionId: string | undefined): { procedure: ProcedureDetail | undefined; error: unknown } {
  const [state, setState] = useState<{ procedure: ProcedureDetail | undefined; error: unknown }>({ procedure: undefined, error: null });
  useEffect(() => {
    if (!versionId) return;
    let live = true;
    loadVersion(versionId).then((procedure) => live && setState({ procedure, error: null })).catch((error: unknown) => live && setState({ procedure: undefined, error }));
    return () => { live = false; };
  }, [versionId]);
  return state;
}
