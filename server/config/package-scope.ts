/**
 * The variables an expression, a message template or a guard may read in a
 * package: `data.*` (the application form), `facts.<form>.*` (the latest input
 * of an action form), `parameters.<name>`, `computed.<name>`, and `input.*`
 * (the input form of the transition being checked).
 */
import { openScope, type Scope } from "./check-expression";
import { arrayItems, resolveFrom, resolvePath, type SchemaNode } from "./schema-paths";

export type ScopeSources = {
  applicationForm: string;
  formSchemas: Record<string, unknown>;
  parameters: string[];
  computed: string[];
};

export type ScopeOptions = {
  /** Form id of the transition's input, when checking a guard. */
  inputForm?: string;
  /** Whether `computed.*` may be read, and a callback for each name read. */
  computed?: "allowed" | "forbidden";
  onComputed?: (name: string) => void;
};

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

export function packageScope(sources: ScopeSources, options: ScopeOptions = {}): Scope {
  function locate(path: string): { nodes: SchemaNode[]; error: string | null } {
    const [root = "", ...rest] = path.split(".");
    if (root === "data") {
      const nodes = resolvePath(sources.formSchemas[sources.applicationForm], rest);
      return { nodes, error: nodes.length ? null : `le champ « ${rest.join(".")} » n'existe pas dans le formulaire « ${sources.applicationForm} »` };
    }
    if (root === "facts") {
      const [formId = "", ...fieldPath] = rest;
      if (!(formId in sources.formSchemas)) return { nodes: [], error: `formulaire inconnu « ${formId} » dans « ${path} »` };
      const nodes = resolvePath(sources.formSchemas[formId], fieldPath);
      return { nodes, error: nodes.length ? null : `le champ « ${fieldPath.join(".")} » n'existe pas dans le formulaire « ${formId} »` };
    }
    if (root === "input") {
      if (!options.inputForm) return { nodes: [], error: `« ${path} » : cette transition n'a pas de formulaire de saisie` };
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
    return { nodes: [], error: `variable inconnue « ${path} » (racines possibles : data, facts, parameters, computed${options.inputForm ? ", input" : ""})` };
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
