/**
 * A background job run every `intervalMs` (the timer scheduler, the mail
 * sender): never two runs at once — a tick that finds the previous run still
 * going is skipped — and `stop()` waits for the run in progress, so that a
 * graceful shutdown does not cut a transaction in half.
 */
export type IntervalLoop = { stop(): Promise<void> };

export function startIntervalLoop(run: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void): IntervalLoop {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = run().catch(onError).finally(() => { running = null; });
  };
  const handle = setInterval(tick, intervalMs);
  tick();
  return {
    async stop(): Promise<void> {
      clearInterval(handle);
      await running;
    },
  };
}
