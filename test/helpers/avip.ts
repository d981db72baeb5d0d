/**
 * Inputs of the default AVIP package's actions, built from an application the
 * way a committee would fill them: one line per facility of the dossier (its
 * requested places), the network's places, the referent's declared figures.
 */
type Application = Record<string, any>;

export function decisionPlaces(application: Application) {
  const facilities = (application.facilities ?? []) as Array<{ name: string; siret: string; avipPlaces: number }>;
  const childminders = (application.childminders ?? []) as Array<{ avipPlaces: number }>;
  const networkPlaces = childminders.reduce((sum, c) => sum + c.avipPlaces, 0);
  return {
    facilities: facilities.map((f) => ({ name: f.name, siret: f.siret, places: f.avipPlaces })),
    ...(childminders.length > 0 ? { networkPlaces } : {}),
    labelledPlaces: facilities.reduce((sum, f) => sum + f.avipPlaces, 0) + networkPlaces,
    referent: { fte: application.referent.fte as number, annualCost: application.referent.annualCost as number },
  };
}

export function labelDecision(application: Application, overrides: Record<string, unknown> = {}) {
  return { startDate: "2026-10-01", ...decisionPlaces(application), derogation: { granted: false }, ...overrides };
}

export function renewalDecision(application: Application, overrides: Record<string, unknown> = {}) {
  return { ...decisionPlaces(application), assessment: "Bilan conforme aux engagements.", ...overrides };
}

export const annualReport = (year: number) => ({
  year, childrenWelcomed: 6, hoursDelivered: 3200,
  parentOutcomes: { employment: 2, training: 1, socialSupport: 2, republicanIntegration: 1 },
  priorityPublics: { singleParents: 3, qpvResidents: 4, zrrResidents: 0 },
  followUpsHeld: 12, questionnaireCompleted: true,
});
