/**
 * A DSFR side menu: on a phone, folded behind a button (the DSFR's collapse,
 * driven by its script) so the page's content comes first; from a tablet up,
 * open, and with `sticky` it stays in view while the page scrolls.
 */
import type { ReactNode } from "react";

type Props = { id: string; title: string; sticky?: boolean; className?: string; children: ReactNode };

export function SideMenu({ id, title, sticky = false, className, children }: Props) {
  return (
    <nav className={`fr-sidemenu${sticky ? " fr-sidemenu--sticky" : ""}${className ? ` ${className}` : ""}`} aria-labelledby={`${id}-title`}>
      <div className="fr-sidemenu__inner">
        <button type="button" className="fr-sidemenu__btn" aria-controls={`${id}-collapse`} aria-expanded="false">{title}</button>
        <div className="fr-collapse" id={`${id}-collapse`}>
          <p className="fr-sidemenu__title" id={`${id}-title`}>{title}</p>
          <ul className="fr-sidemenu__list">{children}</ul>
        </div>
      </div>
    </nav>
  );
}
