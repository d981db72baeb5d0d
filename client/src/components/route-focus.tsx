/**
 * What a page change does for people who do not see it happen: the tab's
 * title follows the page's h1 ("Mes dossiers — Guichet"), and after a
 * navigation (not at the first load) the focus goes to that h1 once the
 * new page has drawn it (the previous page may still be shown for a moment,
 * while its code loads), unless the page has already put the focus somewhere.
 */
import { useEffect, useRef } from "react";
import { useLocation } from "wouter";

const SITE = "Guichet";
const WAIT_MS = 10_000;

export function RouteFocus({ mainId }: { mainId: string }) {
  const [location] = useLocation();
  const last = useRef<string | null>(null);
  const shown = useRef<Element | null>(null);

  useEffect(() => {
    const main = document.getElementById(mainId);
    if (!main) return;
    // Not at the first load (nor at React's second run of the same effect in development).
    const moveFocus = last.current !== null && last.current !== location;
    last.current = location;
    const before = document.activeElement;
    const previous = shown.current;
    let focused = false;
    const apply = () => {
      const h1 = main.querySelector("h1");
      if (!h1 || (h1 === previous && moveFocus)) return;
      shown.current = h1;
      const text = (h1.textContent ?? "").replace(/\s+/g, " ").trim();
      const title = text ? `${text} — ${SITE}` : SITE;
      if (document.title !== title) document.title = title;
      if (moveFocus && !focused) {
        focused = true;
        const active = document.activeElement;
        // The page moved the focus itself (e.g. to a step heading): leave it there.
        if (active && active !== document.body && active !== before && main.contains(active)) return;
        if (!h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
        h1.focus();
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    const stop = window.setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [location, mainId]);

  return null;
}
