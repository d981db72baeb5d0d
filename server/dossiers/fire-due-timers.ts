/**
 * Fires the durable timers that are due, each in its own transaction that
 * claims the timer, applies its event as the system and closes the timer —
 * so a timer fires exactly once, even across restarts and several processes.
 * A state's timer whose event is refused is closed as failed with the
 * reason; a label year's report timer records the lateness in any case
 * (fire-cycle-timer.ts); one that meets a concurrent change stays scheduled
 * for the next run.
 */
import { Refusal, SYSTEM_ACTOR } from "../engine/decide-transition";
import { claimDueTimer, closeTimer } from "../store/timer-store";
import { applyEvent } from "./apply-event";
import type { EngineContext } from "./context";
import { fireCycleTimer } from "./fire-cycle-timer";
import { startIntervalLoop, type IntervalLoop } from "./interval-loop";

export type FireReport = { fired: number; failed: number; retried: number };

export async function fireDueTimers(ctx: EngineContext, limit = 500, onError: (e: unknown) => void = console.error): Promise<FireReport> {
  const report: FireReport = { fired: 0, failed: 0, retried: 0 };
  const skip: string[] = [];
  for (let i = 0; i < limit; i++) {
    let claimed: string | undefined;
    try {
      const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
        const now = ctx.clock().toISOString();
        const timer = await claimDueTimer(trx, ctx.db.dialect, now, skip);
        if (!timer) return null;
        claimed = timer.id;
        if (timer.cycle_id) {
          const result = await fireCycleTimer(ctx, trx, timer);
          await closeTimer(trx, timer.id, result.status, now, result.outcome);
          return "fired" as const;
        }
        try {
          await applyEvent(ctx, trx, timer.dossier_id, timer.event, {}, SYSTEM_ACTOR);
          await closeTimer(trx, timer.id, "fired", now, "ok");
          return "fired" as const;
        } catch (error) {
          if (!(error instanceof Refusal) || error.code === "conflict") throw error;
          await closeTimer(trx, timer.id, "failed", now, error.message);
          return "failed" as const;
        }
      });
      if (outcome === null) break;
      report[outcome]++;
    } catch (error) {
      if (!claimed) throw error;
      if (error instanceof Refusal && error.code === "conflict") {
        skip.push(claimed);
        report.retried++;
        continue;
      }
      // Anything else would block every later timer at each run: close this one as failed, with the reason, and go on.
      const id = claimed;
      const message = error instanceof Error ? error.message : String(error);
      await ctx.db.kysely.transaction().execute((trx) => closeTimer(trx, id, "failed", ctx.clock().toISOString(), `erreur interne : ${message}`.slice(0, 1000)));
      onError(error);
      report.failed++;
    }
  }
  return report;
}

/** Runs `fireDueTimers` every `intervalMs`; `stop()` waits for the run in progress. */
export function startScheduler(ctx: EngineContext, intervalMs = 30_000, onError: (e: unknown) => void = console.error): IntervalLoop {
  return startIntervalLoop(() => fireDueTimers(ctx, 500, onError), intervalMs, onError);
}
