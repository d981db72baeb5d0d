/**
 * Published procedure versions: publishing stores a package's files under its
 * content hash (immutable, idempotent); each version is loaded and compiled
 * once, then served from memory.
 */
import { loadPackage } from "../config/load-package";
import { PackageError } from "../config/problems";
import { compileProcedure, type CompiledProcedure } from "../engine/compile-procedure";
import { Refusal } from "../engine/decide-transition";
import type { Db } from "../store/database";
import { findVersion, insertVersion, listVersions, resetFilterText, type Executor } from "../store/dossier-store";

const filterFields = (procedure: CompiledProcedure) => procedure.searchFilters.map((f) => f.field).sort().join("\n");

export type PublishedVersion = { versionId: string; procedureId: string; created: boolean };

export class VersionRegistry {
  private readonly compiled = new Map<string, Promise<CompiledProcedure>>();

  constructor(private readonly db: Db, private readonly clock: () => Date) {}

  /** Validates and stores a package; the same content published twice is one version. */
  async publish(files: Record<string, string>, publishedBy: string | null = null, territoryCode?: string): Promise<PublishedVersion> {
    const result = loadPackage(files);
    if (!result.ok) throw new PackageError(result.problems);
    const { pkg } = result;
    if (territoryCode !== undefined && pkg.manifest.territory.code !== territoryCode) {
      throw new Refusal("forbidden", `Ce paquet concerne le territoire ${pkg.manifest.territory.code} ; vous administrez le territoire ${territoryCode}.`);
    }
    // A procedure belongs to the territory that first published it: no other territory may take it over.
    const [newest] = await listVersions(this.db.kysely, pkg.manifest.id);
    const previous = newest ? await this.get(newest.id) : undefined;
    if (previous) {
      const owner = previous.pkg.manifest.territory.code;
      if (owner !== pkg.manifest.territory.code) {
        throw new Refusal("forbidden", `La procédure « ${pkg.manifest.id} » appartient au territoire ${owner} ; changez l'identifiant du paquet pour en créer une autre.`);
      }
    }
    const created = await insertVersion(this.db.kysely, {
      id: pkg.hash, procedure_id: pkg.manifest.id, files: JSON.stringify(files), published_at: this.clock().toISOString(), published_by: publishedBy,
    });
    if (!this.compiled.has(pkg.hash)) this.compiled.set(pkg.hash, Promise.resolve(compileProcedure(pkg)));
    // Every dossier of a procedure carries the tokens of its latest filters: new filters mean reindexing them all.
    if (created && previous && filterFields(previous) !== filterFields(await this.get(pkg.hash))) await resetFilterText(this.db.kysely, pkg.manifest.id);
    return { versionId: pkg.hash, procedureId: pkg.manifest.id, created };
  }

  /**
   * The compiled version, compiled at most once per process. Inside a
   * transaction, pass it: SQLite has one connection, which the transaction holds.
   */
  get(versionId: string, executor: Executor = this.db.kysely): Promise<CompiledProcedure> {
    let entry = this.compiled.get(versionId);
    if (!entry) {
      entry = (async () => {
        const row = await findVersion(executor, versionId);
        if (!row) throw new Refusal("not_found", `Version de procédure introuvable : ${versionId}.`);
        const result = loadPackage(JSON.parse(row.files) as Record<string, string>);
        if (!result.ok) throw new PackageError(result.problems);
        return compileProcedure(result.pkg);
      })();
      entry.catch(() => this.compiled.delete(versionId));
      this.compiled.set(versionId, entry);
    }
    return entry;
  }

  /** The procedure's newest version (pass the transaction's executor inside one). */
  async latest(procedureId: string, executor: Executor = this.db.kysely): Promise<CompiledProcedure> {
    const [newest] = await listVersions(executor, procedureId);
    if (!newest) throw new Refusal("not_found", `Aucune version publiée de la procédure « ${procedureId} ».`);
    return this.get(newest.id, executor);
  }

  versions(procedureId: string) {
    return listVersions(this.db.kysely, procedureId);
  }
}
