/**
 * The variables an expression, a message template or a guard may read in a
 * package: `data.*` (the application form), `facts.<form>.*` (the latest input
 * of an action form), `parameters.<name>`, `computed.<name>`, and `input.*`
 * (the input form of the transition being checked); and read-only facts of
 * the engine: `deadlines.<name>` (local date), `procedure.id`,
 * `procedure.territory.code|name`, `dossier.submittedOn`, `period.<field>`.
 */
import { openScope, type Scope } from "./scopes";
import { arrayItems, resolveFrom, resolvePath, type SchemaNode } from "./schema-paths";

export type ScopeSources = {
  applicationForm: string;
  /** Deadline names of the manifest (absent: none). */
  deadlines?: string[];
  formSchemas: Record<string, unknown>;
  parameters: string[];
  computed: string[];
};

export type ScopeOptions = {
  /** Form id of the transition's input, when checking a guard. */
  inputForm?: string;
  /** The transition whose guard is checked (named when `input.*` is read but it has no form). */
  transition?: { event: string; state: string };
  /** Whether `computed.*` may be read, and a callback for each name read. */
  computed?: "allowed" | "forbidden";
  onComputed?: (name: string) => void;
};

/** The read-only fields the engine provides under `procedure`, `dossier` and `period` (see EvaluationContext). */
export const ENGINE_FIELDS = {
  procedure: ["id", "territory.code", "territory.name"],
  dossier: ["submittedOn"],
  period: ["startsOn", "endsOn", "nextStartsOn", "years", "cycleCount", "reportsAwaited", "reportsOverdue"],
} as const satisfies Record<string, readonly string[]>;

function schemaScope(nodes: SchemaNode[], describe: string): Scope {
  return {
    check(path) {
      if (path === "") return null;
      return resolveFrom(nodes, path.split(".")).length > 0 ? null : `le champ « ${path} » n'existe pas dans ${describe}`;
    },
    items(path) {
      const found = path === "" ? nodes : resolveFrom(nodes, path.split("."));
      const items = arrayItems(found);
      return items.length > 0 ? schemaScope(items, `les éléments de « ${path} »`) : openScope;
    },
  };
}

/**
 * Why `input.*` cannot be read here, and what to read instead: the latest
 * input of the forms that have this field, as `facts.<form>.…`.
 */
function inputUnavailable(sources: ScopeSources, path: string, transition: ScopeOptions["transition"]): string {
  const field = path.split(".").slice(1);
  const forms = Object.keys(sources.formSchemas).filter((id) => id !== sources.applicationForm && field.length > 0 && resolvePath(sources.formSchemas[id], field).length > 0);
  const instead = forms.length > 0
    ? forms.map((id) => `« facts.${id}.${field.join(".")} »`).join(" ou ")
    : "« facts.<formulaire>.… »";
  const where = transition
    ? ` : la transition « ${transition.event} » de l'état « ${transition.state} » n'en a pas ; lisez la dernière saisie par ${instead}, ou donnez un formulaire (meta.form) à cette transition`
    : ` ; dans une valeur calculée ou une règle, lisez la dernière saisie par ${instead}`;
  return `« ${path} » n'est lisible que dans la garde d'une transition qui a un formulaire${where}`;
}

export function packageScope(sources: ScopeSources, options: ScopeOptions = {}): Scope {
  function locate(path: string): { nodes: SchemaNode[]; error: string | null } {
    const [root = "", ...rest] = path.split(".");
    if (root === "data") {
      const nodes = resolvePath(sources.formSchemas[sources.applicationForm], rest);
      return { nodes, error: nodes.length ? null : `le champ « ${rest.join(".")} » n'existe pas dans le formulaire « ${sources.applicationForm} »` };
    }
    if (root === "facts") {
      const [formId = "", ...fieldPath] = rest;
      if (!Object.hasOwn(sources.formSchemas, formId)) return { nodes: [], error: `formulaire inconnu « ${formId} » dans « ${path} »` };
      const nodes = resolvePath(sources.formSchemas[formId], fieldPath);
      return { nodes, error: nodes.length ? null : `le champ « ${fieldPath.join(".")} » n'existe pas dans le formulaire « ${formId} »` };
    }
    if (root === "input") {
      if (!options.inputForm) return { nodes: [], error: inputUnavailable(sources, path, options.transition) };
      const nodes = resolvePath(sources.formSchemas[options.inputForm], rest);
      return { nodes, error: nodes.length ? null : `le champ « ${rest.join(".")} » n'existe pas dans le formulaire « ${options.inputForm} »` };
    }
    if (root === "parameters") {
      const ok = rest.length === 1 && sources.parameters.includes(rest[0]!);
      return { nodes: [], error: ok ? null : `paramètre inconnu « ${rest.join(".")} » (paramètres du manifeste : ${sources.parameters.join(", ")})` };
    }
    if (root === "computed") {
      if (options.computed === "forbidden") return { nodes: [], error: `« ${path} » : les valeurs calculées ne sont pas lisibles ici` };
      const ok = rest.length === 1 && sources.computed.includes(rest[0]!);
      if (ok) options.onComputed?.(rest[0]!);
      return { nodes: [], error: ok ? null : `valeur calculée inconnue « ${rest.join(".")} »` };
    }
    if (root === "deadlines") {
      const names = sources.deadlines ?? [];
      const ok = rest.length === 1 && names.includes(rest[0]!);
      return { nodes: [], error: ok ? null : `échéance inconnue « ${rest.join(".")} » (échéances du manifeste : ${names.join(", ") || "aucune"})` };
    }
    if (root === "procedure" || root === "dossier" || root === "period") {
      const ok = (ENGINE_FIELDS[root] as readonly string[]).includes(rest.join("."));
      return { nodes: [], error: ok ? null : `« ${path} » n'existe pas (champs lisibles : ${ENGINE_FIELDS[root].map((f) => `${root}.${f}`).join(", ")})` };
    }
    return { nodes: [], error: `variable inconnue « ${path} » (racines possibles : data, facts, parameters, computed, deadlines, procedure, dossier, period${options.inputForm ? ", input" : ""})` };
  }
  return {
    check: (path) => locate(path).error,
    items(path) {
      const { nodes, error } = locate(path);
      if (error || nodes.length === 0) return openScope;
      const items = arrayItems(nodes);
      return items.length > 0 ? schemaScope(items, `les éléments de « ${path} »`) : openScope;
    },
  };
}
