/**
 * Computes the filter tokens of the dossiers that have none (`filter_text`
 * NULL): those stored before the column existed, and those of a procedure
 * whose newly published version declares other filters. Each dossier is
 * indexed with the filters of its procedure's latest version; in batches,
 * one transaction per batch, so a large table never holds one long
 * transaction. Dossiers written meanwhile get their tokens from the write.
 */
import type { CompiledProcedure } from "../engine/compile-procedure";
import { filterText } from "../engine/search-text";
import { dossiersWithoutFilterText, fillFilterText } from "../store/dossier-store";
import type { EngineContext } from "./context";

/** Fills every dossier without filter tokens; returns how many were filled. */
export async function reindexFilters(ctx: EngineContext, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const filled = await ctx.db.kysely.transaction().execute(async (trx) => {
      const rows = await dossiersWithoutFilterText(trx, batchSize);
      const latest = new Map<string, Promise<CompiledProcedure>>();
      for (const row of rows) {
        if (!latest.has(row.procedure_id)) latest.set(row.procedure_id, ctx.registry.latest(row.procedure_id, trx));
        const procedure = await latest.get(row.procedure_id)!;
        await fillFilterText(trx, row.id, filterText(JSON.parse(row.data), procedure.searchFilters.map((f) => f.field)));
      }
      return rows.length;
    });
    total += filled;
    if (filled < batchSize) return total;
  }
}
