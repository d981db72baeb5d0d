/**
 * The one registry of expression operators: what a package may write, in
 * French for the format reference (generated from it), with Guichet's own
 * operators implemented here. The interpreter (expressions.ts) installs the
 * implementations; the loader (check-expression.ts) refuses any other name and
 * checks the arity of Guichet's operators.
 */
import { readOwnPath } from "../../workflows/read-path";
import { dateAdd, dateDiffDays, dateDiffMonths, monthOf, yearOf } from "./date-operators";

/** What Guichet's operators may see besides their (evaluated) arguments. */
export type OperatorEnv = {
  /** The whole evaluation context, also inside map/filter/all/none/some/reduce. */
  root: unknown;
  /** IANA time zone of the procedure: date-time strings are taken to their local date there. */
  timeZone: string;
};

export type OperatorInfo = {
  /** French description for the format reference. */
  description: string;
  /** French description of each accepted argument list. */
  arguments: readonly string[];
  /** Part of standard JsonLogic (jsonlogic.com), or one of Guichet's own. */
  standard: boolean;
  /** map/filter/all/none/some/reduce: the second argument is evaluated once per item of the first. */
  scoped?: boolean;
  /** Numbers of arguments the loader accepts (Guichet's operators). */
  arity?: { min: number; max: number };
  /** A worked example, checked by the tests: `data` is the evaluation context. */
  example?: { expression: unknown; data?: Record<string, unknown>; result: unknown };
  /** Implementation of Guichet's own operators; receives the evaluated arguments. */
  apply?: (args: unknown[], env: OperatorEnv) => unknown;
};

/** The keys `object` may build: plain names, never `__proto__` and the like (checked at load too). */
export const OBJECT_KEY = /^(?!__)[A-Za-z][A-Za-z0-9_]{0,63}$/;

const COMPARISON = "Les dates « AAAA-MM-JJ » se comparent ainsi : l'ordre des chaînes est celui des dates.";

/** Rounds away floating-point noise such as 0.2 × 32 = 6.4000000000000004. */
function denoise(value: number): number {
  return Number(value.toFixed(9));
}

function asNumber(value: unknown): number {
  return typeof value === "number" ? value : Number.NaN;
}

/** Reads a dotted path through own properties only (never the prototype chain). */
const readPath = readOwnPath;

const standard = (description: string, ...args: string[]): OperatorInfo => ({ description, arguments: args, standard: true });
const scoped = (description: string, ...args: string[]): OperatorInfo => ({ ...standard(description, ...args), scoped: true });
const dateOp = (description: string, args: string[], arity: [number, number], apply: (a: unknown[], tz: string) => unknown, example: OperatorInfo["example"]): OperatorInfo =>
  ({ description, arguments: args, standard: false, arity: { min: arity[0], max: arity[1] }, example, apply: (a, env) => apply(a, env.timeZone) });

export const OPERATORS: Readonly<Record<string, OperatorInfo>> = {
  var: standard("Lit une valeur par son chemin pointé (data.…, facts.<formulaire>.…, parameters.…, computed.…) ; dans map/filter/all/none/some, le chemin part de l'élément courant, dans reduce de « current » et « accumulator ».", "chemin", "[chemin, valeur par défaut]"),
  missing: standard("Liste les chemins dont la valeur manque ou est vide.", "[chemin, …]"),
  missing_some: standard("Liste les chemins manquants quand moins de N sont renseignés.", "[N, [chemin, …]]"),
  if: standard("Si … alors … sinon (des paires condition, valeur, puis une valeur par défaut).", "[condition, valeur, …, sinon]"),
  "?:": standard("Alias de « if » à trois arguments.", "[condition, valeur, sinon]"),
  "==": standard(`Égalité après conversion de type. ${COMPARISON}`, "[a, b]"),
  "===": standard("Égalité stricte (même type, même valeur).", "[a, b]"),
  "!=": standard("Différence après conversion de type.", "[a, b]"),
  "!==": standard("Différence stricte.", "[a, b]"),
  "!": standard("Négation (un tableau vide est faux).", "[a]"),
  "!!": standard("Valeur de vérité (un tableau vide est faux).", "[a]"),
  or: standard("Le premier argument vrai, sinon le dernier.", "[a, b, …]"),
  and: standard("Le premier argument faux, sinon le dernier.", "[a, b, …]"),
  ">": standard(`Strictement supérieur. ${COMPARISON}`, "[a, b]"),
  ">=": standard(`Supérieur ou égal. ${COMPARISON}`, "[a, b]"),
  "<": standard(`Strictement inférieur ; à trois arguments, a < b < c. ${COMPARISON}`, "[a, b]", "[a, b, c]"),
  "<=": standard(`Inférieur ou égal ; à trois arguments, a <= b <= c. ${COMPARISON}`, "[a, b]", "[a, b, c]"),
  max: standard("Le plus grand des nombres.", "[a, b, …]"),
  min: standard("Le plus petit des nombres.", "[a, b, …]"),
  "+": standard("Somme des nombres (un texte numérique est converti).", "[a, b, …]"),
  "-": standard("Différence, ou opposé avec un seul argument.", "[a, b]", "[a]"),
  "*": standard("Produit des nombres.", "[a, b, …]"),
  "/": standard("Quotient (une division par zéro ne donne aucune valeur : null).", "[a, b]"),
  "%": standard("Reste de la division entière.", "[a, b]"),
  map: scoped("Transforme chaque élément d'un tableau.", "[tableau, expression sur l'élément]"),
  reduce: scoped("Agrège un tableau : l'expression lit « current » (l'élément) et « accumulator » (le résultat partiel).", "[tableau, expression, valeur initiale]"),
  filter: scoped("Garde les éléments pour lesquels l'expression est vraie.", "[tableau, condition sur l'élément]"),
  all: scoped("Vrai si la condition est vraie pour chaque élément. Attention : faux sur un tableau vide ; pour « aucun élément ne contrevient », préférez « none ».", "[tableau, condition sur l'élément]"),
  none: scoped("Vrai si la condition n'est vraie pour aucun élément (vrai sur un tableau vide).", "[tableau, condition sur l'élément]"),
  some: scoped("Vrai si la condition est vraie pour au moins un élément (faux sur un tableau vide).", "[tableau, condition sur l'élément]"),
  merge: standard("Concatène des tableaux (et des valeurs) en un seul tableau.", "[a, b, …]"),
  in: standard("Vrai si la valeur figure dans le tableau, ou si le texte contient le fragment.", "[valeur, tableau]", "[fragment, texte]"),
  cat: standard("Concatène des textes.", "[a, b, …]"),
  substr: standard("Extrait une partie d'un texte (début, longueur ; négatifs comptés depuis la fin).", "[texte, début]", "[texte, début, longueur]"),

  floor: {
    description: "Arrondi à l'entier inférieur, sans le bruit des calculs en virgule flottante (0,2 × 32 = 6).",
    arguments: ["[nombre]"], standard: false, arity: { min: 1, max: 1 },
    example: { expression: { floor: [{ "*": [0.2, 32] }] }, result: 6 },
    apply: ([x]) => Math.floor(denoise(asNumber(x))),
  },
  ceil: {
    description: "Arrondi à l'entier supérieur, sans le bruit des calculs en virgule flottante.",
    arguments: ["[nombre]"], standard: false, arity: { min: 1, max: 1 },
    example: { expression: { ceil: [{ "*": [0.1, 30] }] }, result: 3 },
    apply: ([x]) => Math.ceil(denoise(asNumber(x))),
  },
  round: {
    description: "Arrondi au plus proche, à N décimales (0 par défaut, 10 au plus).",
    arguments: ["[nombre]", "[nombre, décimales]"], standard: false, arity: { min: 1, max: 2 },
    example: { expression: { round: [0.72727, 2] }, result: 0.73 },
    apply: ([x, digits = 0]) => {
      const d = typeof digits === "number" && Number.isInteger(digits) && digits >= 0 && digits <= 10 ? digits : 0;
      const factor = 10 ** d;
      return Math.round(denoise(asNumber(x) * factor)) / factor;
    },
  },

  date_add: dateOp(
    "Ajoute une durée à une date et donne une date « AAAA-MM-JJ ». La durée est une durée ISO 8601 en années, mois, semaines ou jours (« P1Y », « P30D », souvent un paramètre de durée), ou un nombre entier (qui peut venir des données) suivi de l'unité « days », « months » ou « years ». Les fins de mois sont ramenées au dernier jour (31 janvier 2027 + 1 mois = 28 février 2027). Une date-heure est d'abord ramenée à sa date locale dans le fuseau de la procédure. Donne null si un argument manque ou est invalide.",
    ["[date, durée ISO 8601]", "[date, nombre entier, \"days\" | \"months\" | \"years\"]"], [2, 3], dateAdd,
    { expression: { date_add: ["2027-01-31", "P1M"] }, result: "2027-02-28" },
  ),
  date_diff_days: dateOp(
    "Nombre de jours de la première date à la seconde (négatif si la seconde est avant). Donne null si une date manque ou est invalide.",
    ["[du, au]"], [2, 2], dateDiffDays,
    { expression: { date_diff_days: ["2026-09-01", "2026-09-11"] }, result: 10 },
  ),
  date_diff_months: dateOp(
    "Nombre de mois entiers de la première date à la seconde, tronqué vers zéro (du 15 janvier au 14 juillet : 5 mois ; au 15 juillet : 6). Donne null si une date manque ou est invalide.",
    ["[du, au]"], [2, 2], dateDiffMonths,
    { expression: { date_diff_months: ["2026-01-15", "2026-07-15"] }, result: 6 },
  ),
  year_of: dateOp("Année (entier) d'une date.", ["[date]"], [1, 1], yearOf, { expression: { year_of: "2026-09-11" }, result: 2026 }),
  month_of: dateOp("Mois (1 à 12) d'une date.", ["[date]"], [1, 1], monthOf, { expression: { month_of: "2026-09-11" }, result: 9 }),

  root: {
    description: "Lit un chemin pointé depuis le contexte entier (data, facts, parameters, computed, deadlines, procedure, dossier, period), y compris à l'intérieur de map/filter/all/none/some/reduce où « var » ne voit que l'élément courant. Le chemin est vérifié au chargement.",
    arguments: ["chemin", "[chemin, valeur par défaut]"],
    standard: false,
    arity: { min: 1, max: 2 },
    example: {
      expression: { map: [{ var: "data.items" }, { "*": [{ var: "n" }, { root: "parameters.rate" }] }] },
      data: { data: { items: [{ n: 2 }, { n: 3 }] }, parameters: { rate: 10 } },
      result: [20, 30],
    },
    apply: ([path, fallback], env) => {
      const value = typeof path === "string" ? readPath(env.root, path) : undefined;
      return value === undefined ? (fallback ?? null) : value;
    },
  },
  zip: {
    description: "Assemble deux tableaux en un tableau de paires [a, b], de la longueur du plus long (le côté qui manque vaut null). En premier argument de map/filter/all/none/some/reduce, l'élément est une paire : « 0.<champ> » lit l'élément du premier tableau, « 1.<champ> » celui du second (vérifiés au chargement).",
    arguments: ["[tableau A, tableau B]"],
    standard: false,
    arity: { min: 2, max: 2 },
    example: { expression: { zip: [[1, 2, 3], ["a", "b"]] }, result: [[1, "a"], [2, "b"], [3, null]] },
    apply: ([a, b]) => {
      const left = Array.isArray(a) ? a : [];
      const right = Array.isArray(b) ? b : [];
      return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [left[i] ?? null, right[i] ?? null]);
    },
  },
  object: {
    description: "Construit un objet à partir de paires clé, valeur (les clés sont des noms littéraux, vérifiés au chargement). Sert surtout à pré-remplir le formulaire d'une action (« prefill »), par exemple une ligne par établissement du dossier dans un « map ».",
    arguments: ["[\"clé\", valeur, \"clé\", valeur, …]"],
    standard: false,
    arity: { min: 2, max: 40 },
    example: {
      expression: { map: [{ var: "data.items" }, { object: ["name", { var: "label" }, "places", { var: "n" }] }] },
      data: { data: { items: [{ label: "A", n: 2 }] } },
      result: [{ name: "A", places: 2 }],
    },
    apply: (args) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i + 1 < args.length; i += 2) {
        const key = args[i];
        if (typeof key === "string" && OBJECT_KEY.test(key)) Object.defineProperty(out, key, { value: args[i + 1], enumerable: true, writable: true, configurable: true });
      }
      return out;
    },
  },
  count: {
    description: "Nombre d'éléments d'un tableau (0 pour ce qui n'est pas un tableau, par exemple un champ absent).",
    arguments: ["tableau", "[tableau]"],
    standard: false,
    arity: { min: 1, max: 1 },
    example: { expression: { count: { var: "data.items" } }, data: { data: { items: [{}, {}] } }, result: 2 },
    apply: ([array]) => (Array.isArray(array) ? array.length : 0),
  },
};
