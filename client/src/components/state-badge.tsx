/** A dossier's state as a DSFR badge: final states grey, editable ones blue, the rest green-ish "info". */
export function StateBadge({ label, final, editable }: { label: string; final?: boolean | undefined; editable?: boolean | undefined }) {
  const kind = final ? "" : editable ? " fr-badge--new" : " fr-badge--info";
  return <span className={`fr-badge fr-badge--sm${kind}`}>{label}</span>;
}
