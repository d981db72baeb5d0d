/** The dossier page's table of contents (the DSFR's "sommaire"): a long page, reached by its sections' headings. */
export type SummaryEntry = { id: string; label: string };

export function PageSummary({ entries }: { entries: SummaryEntry[] }) {
  return (
    <div className="fr-grid-row fr-mb-4w guichet-noprint">
      <nav role="navigation" className="fr-summary fr-col-12 fr-col-md-8 fr-col-lg-5" aria-labelledby="page-summary-title">
        <p className="fr-summary__title" id="page-summary-title">Sommaire</p>
        <ol className="fr-summary__list">
          {entries.map((e) => <li key={e.id}><a className="fr-summary__link" href={`#${e.id}`}>{e.label}</a></li>)}
        </ol>
      </nav>
    </div>
  );
}
