/**
 * `npm run bench` (part, see client.bench.ts): what each route of the web client downloads. Reads
 * the Vite manifest of client/dist (built by `npm run build`), follows each
 * route's chunk through its static imports, and prints raw and gzip sizes,
 * the shared entry counted once as the baseline. Also says whether a
 * manager's routes pull any chunk of the admin workspace (they must not).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { REPO } from "../helpers/packages";

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean };

const ROUTES: Array<[string, string]> = [
  ["Connexion + coquille (entrée)", "index.html"],
  ["Gestionnaire : accueil", "src/pages/manager/manager-home.tsx"],
  ["Gestionnaire : candidature", "src/pages/manager/application-page.tsx"],
  ["Dossier (tous rôles)", "src/pages/dossier/dossier-page.tsx"],
  ["Récépissé", "src/pages/dossier/receipt-page.tsx"],
  ["Instruction : file", "src/pages/staff/queue-page.tsx"],
  ["Administration", "src/pages/admin/admin-page.tsx"],
  ["Comptes (inscription, invitation…)", "src/pages/account/index.ts"],
  ["Gestionnaire : organisation", "src/pages/organisation/organisation-page.tsx"],
  ["Administration : comptes", "src/pages/admin/accounts-page.tsx"],
];

/** Prints the sizes of a build (a folder with .vite/manifest.json); returns whether manager routes stay clear of the admin editor. */
export function printBundleSizes(dist: string = join(REPO, "client", "dist")): boolean {
  const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;
  function closure(key: string, seen = new Set<string>()): Set<string> {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) closure(next, seen);
    return seen;
  }

  /** An admin route's lazy editor and diagram load on first use of the workspace: counted with it. */
  function withLazy(key: string): Set<string> {
    const keys = closure(key);
    if (key.endsWith("admin-page.tsx")) for (const k of [...keys]) for (const d of manifest[k]?.dynamicImports ?? []) closure(d, keys);
    return keys;
  }

  const size = (files: string[]) => files.reduce((acc, f) => {
    const bytes = readFileSync(join(dist, f));
    return { raw: acc.raw + bytes.length, gzip: acc.gzip + gzipSync(bytes, { level: 9 }).length };
  }, { raw: 0, gzip: 0 });
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);

  // The entry, and what it imports at start (the DSFR's behaviours), not the routes.
  const routeKeys = new Set(ROUTES.map(([, key]) => key));
  const entry = closure("index.html");
  for (const d of manifest["index.html"]!.dynamicImports ?? []) if (!routeKeys.has(d)) closure(d, entry);
  const entryFiles = [...entry].flatMap((k) => [manifest[k]!.file, ...(manifest[k]!.css ?? [])]);
  const base = size(entryFiles);
  const dsfrCss = size(["dsfr/dsfr.min.css", "dsfr/utility/icons/icons.min.css"]);
  console.log(`\nTaille du client par page, en Kio (JS et CSS de l'application ; la CSS du DSFR, commune à toutes les pages et mise en cache : ${kb(dsfrCss.raw).trim()} brut, ${kb(dsfrCss.gzip).trim()} gzip)`);
  console.log(`${"page".padEnd(32)} ${"brut".padStart(7)} ${"gzip".padStart(7)}  ${"en plus de l'entrée (gzip)".padStart(26)}`);
  for (const [label, key] of ROUTES) {
    if (!manifest[key]) continue;
    const keys = key === "index.html" ? entry : new Set([...entry, ...withLazy(key)]);
    const files = [...keys].flatMap((k) => [manifest[k]!.file, ...(manifest[k]!.css ?? [])]);
    const total = size(files);
    console.log(`${label.padEnd(32)} ${kb(total.raw)} ${kb(total.gzip)}  ${kb(total.gzip - base.gzip).padStart(26)}`);
  }
  const managerKeys = new Set(["src/pages/manager/manager-home.tsx", "src/pages/manager/application-page.tsx", "src/pages/dossier/dossier-page.tsx", "src/pages/dossier/receipt-page.tsx", "src/pages/organisation/organisation-page.tsx", "src/pages/account/index.ts"].flatMap((k) => [...closure(k)]));
  const leaked = [...managerKeys].filter((k) => /admin|codemirror|dagre/.test(k));
  console.log(`Pages du gestionnaire : ${leaked.length === 0 ? "aucun morceau de l'éditeur d'administration" : `chargent ${leaked.join(", ")}`}`);
  return leaked.length === 0;
}
