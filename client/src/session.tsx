/**
 * The signed-in person: read once from /api/auth/me at start, replaced at
 * login (or when a sign-up, a reset or an invitation opens a session), read
 * again after a change of organisation, cleared at logout. Pages read it
 * through `useSession()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, setCsrfToken } from "./api/http";
import type { Account, SessionAnswer } from "./api/types";

type SessionValue = {
  account: Account | null;
  loading: boolean;
  login(email: string, password: string): Promise<Account>;
  /** Adopts a session the server has just opened (sign-up, password reset, invitation). */
  adopt(session: SessionAnswer): void;
  /** Replaces the account (same session), e.g. after creating or joining an organisation. */
  update(account: Account): void;
  /** Reads the account again from the server. */
  refresh(): Promise<void>;
  /** Closes the session; with a ProConnect session, the browser then goes to the provider's logout. */
  logout(): Promise<{ logoutUrl?: string }>;
};

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const s = await api<SessionAnswer>("GET", "/api/auth/me");
      setCsrfToken(s.csrfToken);
      setAccount(s.account);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      else setAccount(null);
    }
  }, []);
  useEffect(() => { void refresh().finally(() => setLoading(false)); }, [refresh]);

  const adopt = useCallback((s: SessionAnswer) => {
    setCsrfToken(s.csrfToken);
    setAccount(s.account);
  }, []);
  const login = useCallback(async (email: string, password: string) => {
    const s = await api<SessionAnswer>("POST", "/api/auth/login", { email, password });
    adopt(s);
    return s.account;
  }, [adopt]);
  const logout = useCallback(async () => {
    try {
      const answer = await api<{ logoutUrl?: string } | undefined>("POST", "/api/auth/logout", {});
      return answer && typeof answer.logoutUrl === "string" ? { logoutUrl: answer.logoutUrl } : {};
    } finally {
      setCsrfToken(null);
      setAccount(null);
    }
  }, []);

  const value = useMemo(() => ({ account, loading, login, adopt, update: setAccount, refresh, logout }), [account, loading, login, adopt, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
