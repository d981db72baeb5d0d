/**
 * What a package says about itself, read generically: state labels from the
 * machine's meta, a dossier's display name from the package's search fields,
 * leaf states with their parents for the queue.
 */
import type { Dossier, ProcedureDetail } from "./api/types";

type StateNode = { meta?: { label?: string }; states?: Record<string, StateNode>; type?: string };

export type StateEntry = { path: string; label: string; depth: number; leaf: boolean; final: boolean };

export function stateEntries(procedure: ProcedureDetail): StateEntry[] {
  const out: StateEntry[] = [];
  const walk = (node: StateNode, prefix: string, depth: number) => {
    for (const [name, child] of Object.entries(node.states ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      const leaf = !child.states || Object.keys(child.states).length === 0;
      out.push({ path, label: child.meta?.label ?? name, depth, leaf, final: child.type === "final" });
      walk(child, path, depth + 1);
    }
  };
  walk(procedure.lifecycle as StateNode, "", 0);
  return out;
}

export function stateLabel(procedure: ProcedureDetail | undefined, path: string): string {
  if (!procedure) return path;
  const entries = stateEntries(procedure);
  const parts = path.split(".");
  return parts.map((_, i) => entries.find((e) => e.path === parts.slice(0, i + 1).join("."))?.label ?? parts[i]).join(" — ");
}

function valuesAt(value: unknown, segments: string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, segments));
  if (segments.length === 0) return typeof value === "string" || typeof value === "number" ? [String(value)] : [];
  if (value && typeof value === "object") return valuesAt((value as Record<string, unknown>)[segments[0]!], segments.slice(1));
  return [];
}

/** The dossier's name: the first search field that has a value (e.g. the applicant's name). */
export function dossierName(dossier: Pick<Dossier, "data" | "id">, procedure: Pick<ProcedureDetail, "search"> | undefined): string {
  for (const field of procedure?.search.fields ?? []) {
    const [first] = valuesAt(dossier.data, field.split("."));
    if (first && first.trim()) return first;
  }
  return `Dossier n° ${shortId(dossier.id)}`;
}

export function shortId(id: string): string {
  return id.slice(-8).toUpperCase();
}

type Transition = { target?: string; meta?: { label?: string; form?: string; roles?: string[] } };
type MachineNode = { on?: Record<string, Transition | Transition[] | string>; states?: Record<string, MachineNode> };

const ENGINE_EVENTS: Record<string, string> = { CREATE: "Création du brouillon", SAVE: "Enregistrement de la candidature", ATTACH: "Ajout d'une pièce jointe", MIGRATE: "Passage à une nouvelle version de la procédure" };

/** Each lifecycle event's label and input form, read from the machine's transitions. */
export function eventInfo(procedure: ProcedureDetail): Record<string, { label: string; form?: string }> {
  const out: Record<string, { label: string; form?: string }> = {};
  for (const [event, label] of Object.entries(ENGINE_EVENTS)) out[event] = { label };
  const walk = (node: MachineNode) => {
    for (const [event, value] of Object.entries(node.on ?? {})) {
      for (const t of Array.isArray(value) ? value : [value]) {
        if (typeof t === "object" && !out[event]) out[event] = { label: t.meta?.label ?? event, ...(t.meta?.form ? { form: t.meta.form } : {}) };
      }
    }
    for (const child of Object.values(node.states ?? {})) walk(child);
  };
  walk(procedure.lifecycle as MachineNode);
  return out;
}

export function roleLabel(procedure: ProcedureDetail | undefined, role: string): string {
  if (role === "system") return "Automatique (échéance)";
  return procedure?.roles[role]?.label ?? role;
}
