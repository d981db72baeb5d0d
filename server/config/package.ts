/**
 * The in-memory shape of a procedure package that passed every check.
 */
import type { Cases } from "./generated/cases";
import type { ComputedValues } from "./generated/computed";
import type { LifecycleMachine } from "./generated/machine";
import type { ProcedureManifest } from "./generated/manifest";
import type { Rules } from "./generated/rules";

export type FormDefinition = {
  id: string;
  title: string;
  schema: Record<string, unknown>;
  ui: Record<string, unknown>;
  schemaFile: string;
  uiFile?: string;
};

export type ProcedurePackage = {
  manifest: ProcedureManifest;
  forms: Record<string, FormDefinition>;
  computed: ComputedValues;
  /** Computed value names, dependencies first. */
  computedOrder: string[];
  rules: Rules;
  machine: LifecycleMachine;
  cases: Array<{ file: string; content: Cases }>;
  /** The package's files as read (path → text), kept to publish it as is. */
  files: Record<string, string>;
  /** SHA-256 of the package's canonical content: the identity of a published version. */
  hash: string;
};
