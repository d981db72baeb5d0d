/**
 * The dossier engine: one object over a database and a clock, which the HTTP
 * API and the tests call. Every operation that changes stored data runs in one
 * transaction; refusals are `Refusal` errors with a code and French reasons.
 */
import type { Actor } from "../engine/decide-transition";
import type { Db } from "../store/database";
import { ensureTerritory } from "../store/territory-store";
import { findOrganisation, latestVersions, listOrganisations } from "../store/dossier-store";
import { insertNewOrganisation, organisationRow, withSiretGuard, type OrganisationInput } from "../organisations/create-organisation";
import { addAttachment, attachmentsOf, readAttachment } from "./attachments";
import { openTransitions } from "./open-transitions";
import { auditEventsWithNames } from "../store/event-store";
import { cyclesOf, timersOf } from "../store/timer-store";
import { loadAuthorized } from "./authorize";
import { uuidv7, type Clock, type EngineContext } from "./context";
import { toCycleView } from "./cycle-view";
import { createDraft, saveDraft } from "./draft-operations";
import { toView } from "./dossier-view";
import { fireDueTimers, startScheduler } from "./fire-due-timers";
import { listDossiers, type ListQuery } from "./list-dossiers";
import { migrateOpenDossiers } from "./migrate-dossiers";
import { reindexFilters } from "./reindex-filters";
import { sendEvent, type SendOptions } from "./send-event";
import { verifyAudit } from "./verify-audit";
import { VersionRegistry } from "./version-registry";

export type EngineOptions = { db: Db; clock?: Clock };

export function createEngine(options: EngineOptions) {
  const clock = options.clock ?? (() => new Date());
  const registry = new VersionRegistry(options.db, clock);
  const ctx: EngineContext = { db: options.db, clock, registry };

  const readable = (dossierId: string, actor: Actor) => loadAuthorized(ctx, options.db.kysely, dossierId, actor);

  return {
    registry,
    /** The engine's time (a demo may run it at another date, see GUICHET_NOW). */
    now: () => clock(),
    /** Publishes a package; a new version declaring other filters reindexes the procedure's dossiers. */
    async publish(files: Record<string, string>, publishedBy?: string, territoryCode?: string) {
      const published = await registry.publish(files, publishedBy ?? null, territoryCode);
      if (published.created) await reindexFilters(ctx);
      const { territory } = (await registry.get(published.versionId)).pkg.manifest;
      await ensureTerritory(options.db.kysely, { code: territory.code, name: territory.name, created_at: clock().toISOString() });
      return published;
    },

    /** Declares an organisation (an admin's, for its territory); a SIRET already inscribed is refused (409 siret_taken). */
    async createOrganisation(input: OrganisationInput) {
      const row = organisationRow(input, clock());
      await withSiretGuard(row.siret, () => options.db.kysely.transaction().execute((trx) => insertNewOrganisation(trx, row)));
      return row;
    },

    createDraft: (input: { procedureId: string; organisationId: string; data?: unknown }, actor: Actor) => createDraft(ctx, input, actor),
    saveDraft: (dossierId: string, data: unknown, actor: Actor, expectedVersion?: number) => saveDraft(ctx, dossierId, data, actor, expectedVersion),
    send: (dossierId: string, event: string, input: unknown, actor: Actor, opts?: SendOptions) => sendEvent(ctx, dossierId, event, input, actor, opts),

    async submit(dossierId: string, actor: Actor, opts?: SendOptions) {
      const { procedure } = await readable(dossierId, actor);
      return sendEvent(ctx, dossierId, procedure.pkg.manifest.actions.submit, {}, actor, opts);
    },
    async withdraw(dossierId: string, actor: Actor, opts?: SendOptions) {
      const { procedure } = await readable(dossierId, actor);
      return sendEvent(ctx, dossierId, procedure.pkg.manifest.actions.withdraw, {}, actor, opts);
    },

    async getDossier(dossierId: string, actor: Actor) {
      const { row, procedure } = await readable(dossierId, actor);
      return toView(row, procedure);
    },
    async history(dossierId: string, actor: Actor) {
      await readable(dossierId, actor);
      return auditEventsWithNames(options.db.kysely, dossierId);
    },
    async cycles(dossierId: string, actor: Actor) {
      await readable(dossierId, actor);
      return cyclesOf(options.db.kysely, dossierId);
    },
    /** The label years as the dossier page shows them: report status, declared records. */
    async cycleViews(dossierId: string, actor: Actor) {
      const { procedure } = await readable(dossierId, actor);
      return (await cyclesOf(options.db.kysely, dossierId)).map((row) => toCycleView(row, procedure));
    },
    async timers(dossierId: string, actor: Actor) {
      await readable(dossierId, actor);
      return timersOf(options.db.kysely, dossierId);
    },

    list: (query: ListQuery, actor: Actor) => listDossiers(ctx, query, actor),
    openTransitions: (dossierId: string, actor: Actor) => openTransitions(ctx, dossierId, actor),
    addAttachment: (dossierId: string, file: { name: string; bytes: Buffer }, actor: Actor) => addAttachment(ctx, dossierId, file, actor),
    attachments: (dossierId: string, actor: Actor) => attachmentsOf(ctx, dossierId, actor),
    readAttachment: (id: string, actor: Actor) => readAttachment(ctx, id, actor),
    /** The latest version of every published procedure. */
    async procedures() {
      const latest = await latestVersions(options.db.kysely);
      return Promise.all(latest.map((v) => registry.get(v.id)));
    },
    findOrganisation: (id: string) => findOrganisation(options.db.kysely, id),
    organisations: (territoryCode: string) => listOrganisations(options.db.kysely, territoryCode),
    fireDueTimers: (limit?: number, onError?: (e: unknown) => void) => fireDueTimers(ctx, limit, onError),
    startScheduler: (intervalMs?: number) => startScheduler(ctx, intervalMs),
    migrateOpenDossiers: (procedureId: string, toVersionId: string, actor: Actor) => migrateOpenDossiers(ctx, procedureId, toVersionId, actor),
    verifyAudit: () => verifyAudit(options.db.kysely),
    /** Computes the missing filter tokens (dossiers stored before they existed), in batches; returns how many. */
    reindexFilters: (batchSize?: number) => reindexFilters(ctx, batchSize),
  };
}

export type Engine = ReturnType<typeof createEngine>;
