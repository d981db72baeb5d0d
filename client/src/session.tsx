/**
 * The signed-in person: read once from /api/auth/me at start, replaced at
 * login, cleared at logout. Pages read it through `useSession()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, setCsrfToken } from "./api/http";
import type { Account } from "./api/types";

type SessionValue = {
  account: Account | null;
  loading: boolean;
  login(email: string, password: string): Promise<Account>;
  logout(): Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api<{ account: Account; csrfToken: string }>("GET", "/api/auth/me")
      .then((s) => { setCsrfToken(s.csrfToken); setAccount(s.account); })
      .catch((e: unknown) => { if (!(e instanceof ApiError) || e.status !== 401) console.error(e); })
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const s = await api<{ account: Account; csrfToken: string }>("POST", "/api/auth/login", { email, password });
    setCsrfToken(s.csrfToken);
    setAccount(s.account);
    return s.account;
  }, []);
  const logout = useCallback(async () => {
    try {
      await api("POST", "/api/auth/logout", {});
    } finally {
      setCsrfToken(null);
      setAccount(null);
    }
  }, []);

  const value = useMemo(() => ({ account, loading, login, logout }), [account, loading, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
