/**
 * Answers that must not tell which branch ran (an address with or without an
 * account) take at least a fixed time: the few milliseconds one branch spends
 * more than the other (a token written) disappear under the floor.
 */

/** The floor, in milliseconds, of the sign-up and forgotten-password requests. */
export const EVEN_ANSWER_MS = 200;

/** Runs `work`, then waits until `floorMs` have passed since it started. */
export async function takingAtLeast<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const left = started + floorMs - performance.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  return result;
}
