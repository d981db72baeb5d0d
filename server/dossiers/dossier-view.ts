/**
 * A dossier as the engine returns it: parsed JSON, state label, finality.
 */
import type { RuleResult } from "../../workflows/types";
import type { CompiledProcedure } from "../engine/compile-procedure";
import type { DossierRow } from "../store/dossier-store";

export type DossierView = {
  id: string;
  procedureId: string;
  versionId: string;
  organisationId: string;
  state: string;
  stateLabel: string;
  final: boolean;
  dataEditable: boolean;
  data: Record<string, unknown>;
  facts: Record<string, unknown>;
  computed: Record<string, unknown>;
  ruleResults: RuleResult[];
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
};

export function toView(row: DossierRow, procedure: CompiledProcedure): DossierView {
  const info = procedure.states.get(row.state);
  return {
    id: row.id,
    procedureId: row.procedure_id,
    versionId: row.version_id,
    organisationId: row.organisation_id,
    state: row.state,
    stateLabel: info?.label ?? row.state,
    final: info?.final ?? false,
    dataEditable: info?.dataEditable ?? false,
    data: JSON.parse(row.data) as Record<string, unknown>,
    facts: JSON.parse(row.facts) as Record<string, unknown>,
    computed: JSON.parse(row.computed) as Record<string, unknown>,
    ruleResults: JSON.parse(row.rule_results) as RuleResult[],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}
