/**
 * The hand-written part of the format reference: French prose for what no
 * registry or meta-schema holds (how the engine decides a transition, what
 * `facts.<form>` holds, time zone and deadlines), short descriptions keyed by
 * name, and the examples. Everything else in docs/FORMAT.md is read from the
 * code. The generator checks every example here against the meta-schemas and
 * computes its result with the engine, so a stale example fails loudly.
 */
import type { TimerSpec } from "../../../workflows/timers";

export const INTRO = [
  "Cette page décrit le format d'un paquet de procédure : les fichiers JSON qu'une administration départementale écrit pour décrire ses formulaires, ses calculs, ses règles et le cycle de vie de ses dossiers.",
  "Elle est **générée par `npm run docs`** à partir du code de Guichet (registre des gardes, registre des opérateurs, méta-schémas de `schemas/meta/`, champs fournis par le moteur, mise en forme des messages) : ne la modifiez pas à la main, un test échoue quand elle n'est plus à jour.",
  "Pour vérifier un paquet comme le serveur le fait au démarrage : `npm run config:check -- chemin/du/paquet`. Chaque problème est affiché sous la forme `fichier › pointeur JSON › message`.",
].join("\n\n");

/** Which file of a package each meta-schema checks (a meta-schema missing here is still listed). */
export const FILE_ROLES: Record<string, string> = {
  manifest: "`manifest.json`",
  form: "chaque formulaire (`forms/*.schema.json`)",
  ui: "la présentation de chaque formulaire (`forms/*.ui.json`)",
  computed: "le fichier `computed` du manifeste (`computed.json`)",
  rules: "le fichier `rules` du manifeste (`rules.json`)",
  machine: "le fichier `lifecycle` du manifeste (`lifecycle.machine.json`)",
  cases: "chaque fichier de `cases` du manifeste (`cases/*.json`)",
  expression: "chaque expression, dans les valeurs calculées, les règles et la machine",
};

/** The roots an expression, a rule, a message or a guard may read (besides the engine fields). */
export const ROOTS: Array<{ root: string; holds: string; where: string }> = [
  { root: "data", holds: "Les données du formulaire de candidature (`applicationForm` du manifeste), par chemin pointé : `data.places`, `data.address.city`.", where: "partout" },
  { root: "facts", holds: "La dernière saisie de chaque formulaire d'action, par identifiant de formulaire : `facts.decision.startDate` (voir [Ce que contient `facts.<formulaire>`](#ce-que-contient-factsformulaire)).", where: "partout" },
  { root: "parameters", holds: "La valeur d'un paramètre du manifeste : `parameters.aidPerPlace`.", where: "partout" },
  { root: "computed", holds: "Une valeur calculée : `computed.aidTotal` (les dépendances circulaires sont refusées).", where: "partout" },
  { root: "input", holds: "La saisie de la transition en cours, par chemin pointé dans son formulaire : `input.startDate`.", where: "seulement dans la garde d'une transition qui a un formulaire (`meta.form`)" },
  { root: "deadlines", holds: "La date locale (AAAA-MM-JJ, fuseau de la procédure) d'une échéance du manifeste : `deadlines.applications`.", where: "partout" },
];

/** French description of each engine field (`procedure.id`, `period.endsOn`…); a field missing here is still listed. */
export const ENGINE_FIELD_TEXT: Record<string, string> = {
  "procedure.id": "Identifiant de la procédure (`id` du manifeste).",
  "procedure.territory.code": "Code du département (`territory.code` du manifeste).",
  "procedure.territory.name": "Nom du territoire (`territory.name` du manifeste).",
  "dossier.submittedOn": "Date locale (AAAA-MM-JJ) du dépôt de la candidature, ou null avant le dépôt.",
  "period.startsOn": "Premier jour de la période de label en cours (les années ouvertes par le dernier événement d'ouverture).",
  "period.endsOn": "Dernier jour (inclus) de la période en cours.",
  "period.nextStartsOn": "Lendemain du dernier jour de la période en cours.",
  "period.years": "Nombre d'années (cycles) de la période en cours.",
  "period.cycleCount": "Nombre d'années de label du dossier depuis le début (toutes périodes).",
  "period.reportsAwaited": "Nombre d'années du dossier dont le bilan est attendu et pas encore en retard.",
  "period.reportsOverdue": "Nombre d'années du dossier dont le bilan est en retard et toujours pas déposé.",
};

export const ENGINE_ROOT_TEXT: Record<string, string> = {
  procedure: "La procédure elle-même.",
  dossier: "Le dossier, au-delà de ses données.",
  period: "La période de label en cours ; `period` vaut null tant que le dossier n'a aucune année de label, et chacun de ses champs est alors absent.",
};

/** French description of string formats; formats missing here are listed by name. */
export const FORMAT_TEXT: Record<string, string> = {
  date: "date sans heure « AAAA-MM-JJ » (sélecteur de date) ; c'est une date locale",
  "date-time": "instant ISO 8601 avec décalage horaire",
  email: "adresse électronique",
  siret: "numéro SIRET : 14 chiffres avec une clé de contrôle valide",
  attachment: "pièce jointe : l'identifiant d'un fichier déposé dans le dossier (le client affiche un champ de dépôt de fichier)",
  uri: "adresse web absolue",
};

/** Sample values used to show how a message writes a parameter or computed value of each unit. */
export const UNIT_SAMPLES: Record<string, unknown> = {
  euro: 2500, ratio: 0.2, hours: 10, count: 12, fte: 0.5, months: 6, places: 12, duration: "P1Y", date: "2026-09-11",
};

/** A value of each computed type (checked against the engine's type test). */
export const TYPE_SAMPLES: Record<string, unknown> = {
  number: 1250.5, integer: 12, boolean: true, string: "Crèche des Lilas", date: "2026-09-11",
};

/** Placeholders of the application data, to show how a message writes a value without unit. */
export const DATA_SAMPLES: Array<{ path: string; value: unknown }> = [
  { path: "data.places", value: 2500 },
  { path: "data.rate", value: 0.3 },
  { path: "data.isNetwork", value: true },
  { path: "data.openedOn", value: "2026-09-11" },
  { path: "data.name", value: "Crèche des Lilas" },
  { path: "data.phone", value: undefined },
];

/** Examples for the operators whose registry entry has none; the result is computed by the interpreter. */
export const OPERATOR_EXAMPLES: Record<string, { expression: unknown; data?: Record<string, unknown> }> = {
  var: { expression: { var: "data.places" }, data: { data: { places: 12 } } },
  missing: { expression: { missing: ["data.name", "data.siret"] }, data: { data: { name: "Crèche des Lilas" } } },
  missing_some: { expression: { missing_some: [1, ["data.phone", "data.email"]] }, data: { data: { email: "contact@example.fr" } } },
  if: { expression: { if: [{ ">=": [{ var: "data.places" }, 10] }, "grande", "petite"] }, data: { data: { places: 12 } } },
  "?:": { expression: { "?:": [{ var: "data.isNetwork" }, "réseau", "établissement"] }, data: { data: { isNetwork: false } } },
  "==": { expression: { "==": [{ var: "data.openedOn" }, "2026-09-01"] }, data: { data: { openedOn: "2026-09-01" } } },
  "===": { expression: { "===": [1, "1"] } },
  "!=": { expression: { "!=": [{ var: "data.status" }, "public"] }, data: { data: { status: "associatif" } } },
  "!==": { expression: { "!==": [1, "1"] } },
  "!": { expression: { "!": [{ var: "data.isNetwork" }] }, data: { data: { isNetwork: false } } },
  "!!": { expression: { "!!": [{ var: "data.facilities" }] }, data: { data: { facilities: [] } } },
  or: { expression: { or: [{ var: "data.isNetwork" }, { ">": [{ var: "data.places" }, 20] }] }, data: { data: { isNetwork: false, places: 24 } } },
  and: { expression: { and: [{ ">=": [{ var: "data.places" }, 2] }, { var: "data.hasReferent" }] }, data: { data: { places: 12, hasReferent: true } } },
  ">": { expression: { ">": [{ var: "data.places" }, 10] }, data: { data: { places: 12 } } },
  ">=": { expression: { ">=": [{ var: "data.openedOn" }, "2026-09-01"] }, data: { data: { openedOn: "2026-09-11" } } },
  "<": { expression: { "<": [0, { var: "data.rate" }, 1] }, data: { data: { rate: 0.3 } } },
  "<=": { expression: { "<=": [{ var: "data.openedOn" }, { var: "deadlines.applications" }] }, data: { data: { openedOn: "2026-09-11" }, deadlines: { applications: "2026-09-11" } } },
  max: { expression: { max: [0, { "-": [{ var: "data.places" }, 10] }] }, data: { data: { places: 12 } } },
  min: { expression: { min: [{ var: "data.places" }, 20] }, data: { data: { places: 24 } } },
  "+": { expression: { "+": [{ var: "data.places" }, 2] }, data: { data: { places: 12 } } },
  "-": { expression: { "-": [{ var: "data.places" }, 2] }, data: { data: { places: 12 } } },
  "*": { expression: { "*": [{ var: "data.places" }, { var: "parameters.aidPerPlace" }] }, data: { data: { places: 12 }, parameters: { aidPerPlace: 2500 } } },
  "/": { expression: { "/": [{ var: "data.children" }, { var: "data.places" }] }, data: { data: { children: 3, places: 12 } } },
  "%": { expression: { "%": [{ var: "data.places" }, 5] }, data: { data: { places: 12 } } },
  map: { expression: { map: [{ var: "data.facilities" }, { var: "places" }] }, data: { data: { facilities: [{ places: 12 }, { places: 8 }] } } },
  reduce: { expression: { reduce: [{ var: "data.facilities" }, { "+": [{ var: "accumulator" }, { var: "current.places" }] }, 0] }, data: { data: { facilities: [{ places: 12 }, { places: 8 }] } } },
  filter: { expression: { filter: [{ var: "data.facilities" }, { ">=": [{ var: "places" }, 10] }] }, data: { data: { facilities: [{ places: 12 }, { places: 8 }] } } },
  all: { expression: { all: [{ var: "data.facilities" }, { ">": [{ var: "places" }, 0] }] }, data: { data: { facilities: [] } } },
  none: { expression: { none: [{ var: "data.facilities" }, { "<=": [{ var: "places" }, 0] }] }, data: { data: { facilities: [] } } },
  some: { expression: { some: [{ var: "data.facilities" }, { var: "isPublic" }] }, data: { data: { facilities: [{ isPublic: false }, { isPublic: true }] } } },
  merge: { expression: { merge: [{ var: "data.nurseries" }, { var: "data.childminders" }] }, data: { data: { nurseries: ["A"], childminders: ["B", "C"] } } },
  in: { expression: { in: [{ var: "data.status" }, ["associatif", "public"]] }, data: { data: { status: "public" } } },
  cat: { expression: { cat: [{ var: "data.places" }, " place(s)"] }, data: { data: { places: 12 } } },
  substr: { expression: { substr: [{ var: "data.siret" }, 0, 9] }, data: { data: { siret: "12345678900017" } } },
  floor: { expression: { floor: [{ "*": [0.2, 32] }] } },
  ceil: { expression: { ceil: [{ "*": [0.1, 30] }] } },
  round: { expression: { round: [0.72727, 2] } },
};

/** One example of each guard's params; a guard missing here gets one derived from its params schema. */
export const GUARD_EXAMPLES: Record<string, Record<string, unknown> | undefined> = {
  all: { guards: [{ type: "beforeDeadline", params: { deadline: "applications" } }, { type: "applicationValid" }] },
  beforeDeadline: { deadline: "applications" },
  applicationValid: undefined,
  rulesPass: { severity: "blocking", waiveDerogableWhen: "input.derogation" },
  rule: { name: "minimumPlaces" },
  computed: { name: "eligible" },
};

export type TimerExample = {
  timer: TimerSpec;
  /** What the example assumes about the dossier. */
  given: string;
  enteredAt: string;
  values: Record<string, unknown>;
  parameters: Record<string, number | string>;
};

export const EXAMPLE_TIME_ZONE = "Europe/Paris";

/** Timers of the main forms, with their due instant computed by the engine's timer arithmetic. */
export const TIMER_EXAMPLES: TimerExample[] = [
  {
    timer: { event: "COMPLEMENTS_OVERDUE", from: "entry", delay: "P30D" },
    given: "état entré le 11 septembre 2026 à 10 h 15",
    enteredAt: "2026-09-11T10:15:00+02:00", values: {}, parameters: {},
  },
  {
    timer: { event: "LABEL_EXPIRED", from: "facts.decision.startDate", delay: { parameter: "labelDuration" } },
    given: "`facts.decision.startDate` = \"2026-09-01\", paramètre `labelDuration` (unité duration) = \"P1Y\"",
    enteredAt: "2026-08-20T09:00:00+02:00", values: { "facts.decision.startDate": "2026-09-01" }, parameters: { labelDuration: "P1Y" },
  },
  {
    timer: { event: "REPORT_OVERDUE", from: "facts.decision.startDate", at: { yearOffset: 1, monthDay: "03-31" } },
    given: "`facts.decision.startDate` = \"2026-09-01\" : échéance le 31 mars de l'année suivante, à la fin de ce jour",
    enteredAt: "2026-08-20T09:00:00+02:00", values: { "facts.decision.startDate": "2026-09-01" }, parameters: {},
  },
  {
    timer: { event: "LABEL_EXPIRED", from: "period.nextStartsOn" },
    given: "période en cours du 1er septembre 2026 au 31 août 2027 (`period.nextStartsOn` = \"2027-09-01\"), sans délai : au début de ce jour",
    enteredAt: "2026-08-20T09:00:00+02:00", values: { "period.nextStartsOn": "2027-09-01" }, parameters: {},
  },
  {
    timer: { event: "CHECKPOINT", from: "period.startsOn", delay: { months: "facts.decision.checkpointMonths" } },
    given: "`period.startsOn` = \"2026-08-31\", `facts.decision.checkpointMonths` = 6 (fin de mois ramenée au dernier jour du mois)",
    enteredAt: "2026-08-20T09:00:00+02:00", values: { "period.startsOn": "2026-08-31", "facts.decision.checkpointMonths": 6 }, parameters: {},
  },
];

/** Examples of whole pieces of a package, each checked against the meta-schema named by `schema`. */
export const PIECE_EXAMPLES = {
  parameter: { schema: "urn:guichet:meta:manifest#/$defs/parameter", name: "aidPerPlace", value: { label: "Aide forfaitaire par place", unit: "euro", value: 2500 } },
  deadline: {
    schema: "urn:guichet:meta:manifest#/properties/deadlines/additionalProperties", name: "applications",
    value: { label: "Date limite de dépôt des candidatures", at: "2026-09-11T23:59:59+02:00" },
  },
  form: {
    schema: "urn:guichet:meta:form",
    value: {
      $schema: "https://json-schema.org/draft/2020-12/schema", title: "Décision du comité", type: "object", required: ["startDate", "places"],
      properties: {
        startDate: { type: "string", format: "date", title: "Date de début du label" },
        places: { type: "integer", minimum: 0, title: "Places labellisées" },
        derogation: { type: "boolean", title: "Dérogation accordée" },
      },
    },
  },
  ui: { schema: "urn:guichet:meta:ui", value: { "ui:order": ["startDate", "places", "derogation"], places: { "ui:widget": "updown", "ui:help": "Nombre de places retenues par le comité." } } },
  computed: {
    schema: "urn:guichet:meta:computed#/$defs/computedValue", name: "aidTotal",
    value: { label: "Aide totale", type: "number", unit: "euro", expression: { "*": [{ var: "data.places" }, { var: "parameters.aidPerPlace" }] } },
  },
  rule: {
    schema: "urn:guichet:meta:rules#/$defs/rule", name: "minimumPlaces",
    value: {
      label: "Au moins deux places", severity: "blocking", derogable: true,
      expression: { ">=": [{ var: "data.places" }, { var: "parameters.minimumPlaces" }] },
      message: "Le dossier compte {{data.places}} place(s) ; il en faut au moins {{parameters.minimumPlaces}}.",
      fields: ["/places"],
    },
  },
  state: {
    schema: "urn:guichet:meta:machine#/$defs/stateNode", name: "granted",
    value: {
      meta: { label: "Label accordé", timers: [{ event: "LABEL_EXPIRED", from: "facts.decision.startDate", delay: { parameter: "labelDuration" } }] },
      on: { LABEL_EXPIRED: { target: "expired", meta: { roles: ["system"], label: "Fin du label" } } },
    },
  },
  transition: {
    schema: "urn:guichet:meta:machine#/$defs/transition", name: "GRANT",
    value: {
      target: "granted",
      guard: { type: "rulesPass", params: { severity: "blocking", waiveDerogableWhen: "input.derogation" } },
      meta: { roles: ["committee"], label: "Accorder le label", form: "decision" },
    },
  },
  cycles: {
    schema: "urn:guichet:meta:manifest#/properties/cycles",
    value: {
      reportForm: "annualReport", reportEvent: "FILE_REPORT", overdueEvent: "REPORT_OVERDUE",
      reportDue: { yearOffset: 1, monthDay: "03-31" },
      openOn: [{ event: "GRANT", startDate: "input.startDate", years: 1, funding: "firstYearFunding" }],
    },
  },
  migration: { schema: "urn:guichet:meta:manifest#/properties/migration", value: { states: { "granted.report_filed": "granted.year_running" } } },
  cases: {
    schema: "urn:guichet:meta:cases",
    value: { cases: [{ description: "Douze places", data: { places: 12 }, expect: { valid: true, computed: { aidTotal: 30000 }, rules: { minimumPlaces: "pass" } } }] },
  },
} as const;

// ——— Semantics that no registry holds ———————————————————————————————————

export const FACTS_TEXT = [
  "`facts` range, **par identifiant de formulaire, la dernière saisie de chaque formulaire d'action** (le `meta.form` d'une transition) : `facts.decision` est la dernière saisie acceptée du formulaire `decision`, quelle que soit la transition qui l'a demandée. Le formulaire de candidature n'y figure pas : ses données sont `data`.\n",
  "- **Quand elle est écrite** : quand la transition est acceptée, dans la même transaction que le nouvel état. La saisie entière remplace la précédente du même formulaire (les champs ne sont pas fusionnés : un champ absent de la nouvelle saisie est absent de `facts`). Une action refusée n'écrit rien. L'historique du dossier garde chaque saisie.",
  "- **Avant toute saisie** du formulaire, `facts.<formulaire>` est absent : `{ \"var\": \"facts.decision.places\" }` vaut null. Prévoyez une valeur par défaut (`{ \"var\": [\"facts.decision.places\", 0] }`), `missing`, ou une condition d'application (`appliesWhen`) dans les règles.",
  "- **Où la lire** : partout (valeurs calculées, règles, messages, gardes, point de départ des minuteries). `input.*`, lui, n'existe que dans la garde d'une transition qui a un formulaire : ailleurs, lisez la dernière saisie par `facts.<formulaire>.…`.",
].join("\n");

export const FACTS_EXAMPLE = {
  before: { decision: { startDate: "2025-09-01", places: 8, derogation: false } },
  input: { startDate: "2026-09-01", places: 12 },
};

export const DECISION_STEPS = [
  "Quand une personne (ou une minuterie, rôle `system`) envoie un événement, le moteur décide dans cet ordre :\n",
  "1. **L'état.** L'événement doit être accepté (`on`) par l'état du dossier ou par l'un de ses parents ; sinon l'action est refusée (« n'est pas possible quand le dossier est à l'état … »).",
  "2. **Le rôle.** Seules comptent les transitions dont `meta.roles` contient le rôle de la personne ; sinon refus.",
  "3. **La saisie.** Elle est validée contre le formulaire (`meta.form`) de la première de ces transitions ; une erreur refuse l'action, champ par champ, et rien n'est écrit. Une transition sans formulaire n'accepte aucune donnée.",
  "4. **La saisie rejoint les faits, avant les gardes.** La saisie validée est rangée (en mémoire) dans `facts.<formulaire>`, puis les valeurs calculées et les règles sont évaluées à nouveau avec ces faits.",
  "5. **Les gardes.** Les transitions candidates sont essayées dans l'ordre où la machine les déclare (un événement peut avoir plusieurs alternatives gardées) ; la première dont la garde passe, ou qui n'a pas de garde, est choisie. Une garde voit donc la nouvelle saisie par `input.<champ>` **et** par `facts.<formulaire>.<champ>`, et `computed.*` et les résultats des règles (gardes `computed`, `rule`, `rulesPass`) sont ceux calculés avec cette saisie, ainsi que la période de label en cours (`period.*`).",
  "6. **Les années de label et les pièces.** Un dépôt de bilan (`cycles.reportEvent`) va à la plus ancienne année qui l'attend, refusé si aucune ne l'attend ou si elle n'a pas commencé ; un compte rendu (`cycles.records`) va à l'année qui contient sa date, refusé sinon ; de nouvelles années (`cycles.openOn`) ne chevauchent jamais les précédentes. Chaque pièce jointe nommée par les données du dossier ou par la saisie doit être l'une des siennes.",
  "7. **Refus ou écriture.** Si aucune garde ne passe, l'action est refusée avec les raisons de la première alternative (chaque raison une seule fois), et rien n'est écrit : `facts` garde la saisie précédente. Sinon le nouvel état, les faits, les valeurs calculées (avec la période une fois les nouvelles années ouvertes), les résultats des règles, les minuteries des états quittés et entrés, les années et l'événement d'historique sont écrits dans une seule transaction. Une transition **sans `target`** laisse le dossier dans son état : rien n'est quitté ni entré, les minuteries restent ; la saisie, les années et l'historique sont écrits. Entrer dans un état `final` clôt les années sans bilan et annule toutes les minuteries du dossier.",
  "",
  "La liste des actions proposées à une personne fait le **même choix** (rôle, formulaire, alternatives gardées dans l'ordre), **sans saisie** (`input` vide, faits déjà enregistrés) : une garde qui lit la saisie, par exemple une dérogation accordée dans le formulaire, peut n'ouvrir l'action qu'une fois celui-ci rempli et envoyé. Une action dont le formulaire a un `meta.prefill` est proposée avec ce formulaire pré-rempli.",
].join("\n");

export const TIME_TEXT = [
  "Toutes les dates du calendrier se lisent dans le **fuseau horaire de la procédure** (`timeZone` du manifeste, par exemple `Europe/Paris`), changement d'heure compris :\n",
  "- **Dates et instants.** Un champ au format `date` (« AAAA-MM-JJ ») est une date locale, sans heure ; un champ `date-time` est un instant (avec son décalage horaire).",
  "- **Échéances.** Le `at` d'une échéance est un instant ISO 8601 avec décalage, **inclus jusqu'à la fin de sa dernière seconde** : la garde `beforeDeadline` accepte encore 23:59:59,999 pour un `at` à 23:59:59 (voir, dans [Échéances](#échéances), ce qu'elle accepte autour de la dernière seconde). Écrivez la fin de journée explicitement (`\"2026-09-11T23:59:59+02:00\"`). Les expressions lisent `deadlines.<nom>` comme la date locale de cet instant (`\"2026-09-11\"`).",
  "- **Dépôt.** `dossier.submittedOn` est la date locale du dépôt.",
  "- **Minuteries.** Les délais se comptent dans le calendrier local, à partir de 0 h pour une date sans heure (une minuterie sans délai échoit à 0 h de sa date) ; une date fixe `at` échoit à la fin du jour local indiqué, c'est-à-dire à 0 h le lendemain (voir les exemples des [minuteries](#minuteries)).",
  "- **Messages.** L'heure d'une échéance dépassée est écrite dans ce fuseau.",
].join("\n");
