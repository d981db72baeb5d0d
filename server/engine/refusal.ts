/**
 * Who acts on a dossier, and the one error a refused operation raises: a
 * stable code, a French message, and the detailed reasons (with pointers to
 * the fields concerned). Shared by the engine, the dossier operations and
 * the HTTP layer.
 */
import type { GuardReason } from "../../workflows/types";

export type Role = "manager" | "instructor" | "committee" | "admin" | "system";
export type Actor = { id: string; role: Role; organisationId?: string; territoryCode?: string };
export const SYSTEM_ACTOR: Actor = { id: "system", role: "system" };

export type RefusalCode = "not_found" | "forbidden" | "wrong_state" | "role" | "input" | "guard" | "conflict" | "not_editable";

/** A refused operation: a stable code, a French message, and the detailed reasons. */
export class Refusal extends Error {
  constructor(readonly code: RefusalCode, message: string, readonly reasons: GuardReason[] = []) {
    super(message);
    this.name = "Refusal";
  }
}
