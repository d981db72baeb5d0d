/**
 * The one-time token of an email link (`/page#TOKEN`): read once from the
 * address, then removed from it, so that it never stays in the history,
 * a bookmark or a screenshot. The server never sees it in a URL.
 */
import { useEffect, useState } from "react";

export function useHashToken(): string | null {
  const [token] = useState(() => {
    const raw = window.location.hash.replace(/^#/, "");
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return raw || null;
    }
  });
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }, []);
  return token;
}
