/**
 * The one-time token of an email link (`/page#TOKEN`): read from the
 * address, then removed from it, so that it never stays in the history,
 * a bookmark or a screenshot. The server never sees it in a URL. A second
 * link opened in the same tab (only the hash changes) gives the new token.
 */
import { useEffect, useState } from "react";

function readHash(): string | null {
  const raw = window.location.hash.replace(/^#/, "");
  try {
    return decodeURIComponent(raw) || null;
  } catch {
    return raw || null;
  }
}

export function useHashToken(): string | null {
  const [token, setToken] = useState(readHash);
  useEffect(() => {
    const take = () => {
      const next = readHash();
      if (next) setToken(next);
      if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    };
    take();
    window.addEventListener("hashchange", take);
    return () => window.removeEventListener("hashchange", take);
  }, []);
  return token;
}
