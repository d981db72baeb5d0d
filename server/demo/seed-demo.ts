/**
 * First run of the embedded default: demo accounts (one per role, each with a
 * random password printed once) and a few demo dossiers in different states,
 * so a newcomer can try every screen. Never in production. The dossiers'
 * past steps are dated before the procedure's first deadline.
 */
import type { Auth } from "../auth/accounts";
import { actorOf } from "../auth/accounts";
import { randomPassword } from "../auth/passwords";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { attachPlaceholders } from "../dossiers/attach-placeholders";
import { createEngine, type Engine } from "../dossiers/engine";
import { caseData } from "../engine/run-cases";
import { countAccounts } from "../store/account-store";
import type { Db } from "../store/database";

export type DemoAccount = { role: string; email: string; password: string };

/** A one-page blank PDF: the demo's stand-in for every file the example names. */
const DEMO_PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

export async function seedDemo(db: Db, auth: Auth, engine: Engine, procedure: CompiledProcedure): Promise<DemoAccount[] | null> {
  if ((await countAccounts(db.kysely)) > 0) return null;
  const territory = procedure.pkg.manifest.territory.code;
  const org = await engine.createOrganisation({ name: "Commune de démonstration", territoryCode: territory });
  const people: Array<{ role: "admin" | "instructor" | "committee" | "manager"; email: string; name: string }> = [
    { role: "admin", email: "admin@demo.guichet.local", name: "Alice Admin" },
    { role: "instructor", email: "instruction@demo.guichet.local", name: "Ines Instructrice" },
    { role: "committee", email: "comite@demo.guichet.local", name: "Camille Comité" },
    { role: "manager", email: "gestionnaire@demo.guichet.local", name: "Gaël Gestionnaire" },
  ];
  const accounts: DemoAccount[] = [];
  const actors: Record<string, ReturnType<typeof actorOf>> = {};
  for (const p of people) {
    const password = randomPassword();
    const account = await auth.createAccount({ email: p.email, displayName: p.name, password, role: p.role, territoryCode: territory, organisationId: p.role === "manager" ? org.id : null });
    actors[p.role] = actorOf(account);
    accounts.push({ role: p.role, email: p.email, password });
  }

  // Demo dossiers: steps dated a month before the first deadline, so that submitting is allowed.
  const deadline = Math.min(...Object.values(procedure.deadlines).map((d) => d.at.getTime()));
  const past = createEngine({ db, clock: () => new Date(Math.min(Date.now(), deadline - 30 * 86_400_000)) });
  const example = procedure.pkg.cases[0] ? caseData(procedure.pkg.cases[0].content, 0) : {};
  const manager = actors.manager!;
  // A draft holding the first section of the package's example: incomplete on purpose.
  const [firstSection] = Object.entries(example);
  await past.createDraft({ procedureId: procedure.id, organisationId: org.id, data: firstSection ? { [firstSection[0]]: firstSection[1] } : {} }, manager);
  for (const then of ["submit", "withdraw"] as const) {
    const { dossier } = await past.createDraft({ procedureId: procedure.id, organisationId: org.id, data: example }, manager);
    try {
      await attachPlaceholders(past, dossier.id, manager, { name: "document-de-demonstration.pdf", bytes: DEMO_PDF });
      await (then === "submit" ? past.submit(dossier.id, manager) : past.withdraw(dossier.id, manager));
    } catch {
      // An example that does not pass the package's rules stays a draft.
    }
  }
  return accounts;
}
