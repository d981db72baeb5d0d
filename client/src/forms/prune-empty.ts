/**
 * The data as the server should see it: RJSF leaves empty objects behind for
 * sections nobody filled (`{}`), which would read as "started but incomplete"
 * and make optional blocks look required. Empty objects and undefined values
 * are dropped; list items are kept, even empty (an added item is an answer).
 */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => pruneEmpty(item) ?? {});
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const pruned = pruneEmpty(child);
    if (pruned === undefined) continue;
    if (pruned !== null && typeof pruned === "object" && !Array.isArray(pruned) && Object.keys(pruned).length === 0) continue;
    out[key] = pruned;
  }
  return out;
}
