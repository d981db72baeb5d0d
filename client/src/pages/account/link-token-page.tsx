/**
 * The pages opened from an email link (`/page#TOKEN`): the token read from
 * the address (and removed from it), the page keyed on it so that a second
 * link opened in the same tab starts it afresh; and the one-time lookup of
 * what the link is for, a used or expired link being told apart from any
 * other problem.
 */
import { useEffect, useState, type ComponentType } from "react";
import { api, ApiError } from "../../api/http";
import { useHashToken } from "../../components/use-hash-token";

export function linkTokenPage(Page: ComponentType<{ token: string | null }>) {
  return function LinkTokenPage() {
    const token = useHashToken();
    return <Page key={token ?? ""} token={token} />;
  };
}

/** POSTs the token to `path`: what it answers, or `lookup` — "dead" for no token or a used, expired or malformed one, else the error. */
export function useLinkLookup<T>(token: string | null, path: string): { found: T | null; lookup: unknown } {
  const [found, setFound] = useState<T | null>(null);
  const [lookup, setLookup] = useState<unknown>(token ? null : "dead");
  useEffect(() => {
    if (!token) return;
    api<T>("POST", path, { token })
      .then(setFound)
      .catch((e: unknown) => setLookup(e instanceof ApiError && (e.status === 404 || e.status === 400 || e.status === 422) ? "dead" : e));
  }, [token, path]);
  return { found, lookup };
}
