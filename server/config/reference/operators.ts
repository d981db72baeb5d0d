/**
 * The expression operators as the format reference lists them, taken from
 * the interpreter's registry (`OPERATORS`, server/engine/operators.ts): its
 * French description, arguments, whether it is standard JsonLogic, and its
 * example. An operator added to the registry appears in docs/FORMAT.md.
 */
import { OPERATORS, type OperatorInfo } from "../../engine/expressions";

export type OperatorExample = { expression: unknown; data?: Record<string, unknown>; result?: unknown };

export type OperatorDoc = {
  name: string;
  description?: string;
  arguments: readonly string[];
  /** Standard JsonLogic (true), Guichet's own (false), or not said. */
  standard?: boolean;
  /** map/filter/all/none/some/reduce: the second argument is evaluated per item. */
  scoped: boolean;
  example?: OperatorExample;
};

function toDoc(name: string, info: OperatorInfo): OperatorDoc {
  return {
    name,
    description: info.description,
    arguments: info.arguments,
    standard: info.standard,
    scoped: info.scoped === true,
    ...(info.example ? { example: info.example } : {}),
  };
}

/** Every operator a package may write, in the registry's order. */
export function operatorDocs(registry: Readonly<Record<string, OperatorInfo>> = OPERATORS): OperatorDoc[] {
  return Object.entries(registry).map(([name, info]) => toDoc(name, info));
}
