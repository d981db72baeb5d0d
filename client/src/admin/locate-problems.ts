/**
 * Places problems in the text of a JSON file: syntax errors where the parser
 * stopped, and problems given by JSON pointer (meta-schema, server loader) on
 * the value they name — or, when that value does not exist (a missing
 * property), on the closest parent that does. Pure, so it runs in Node too.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";

export type PointedProblem = { pointer: string; message: string };
export type LocatedProblem = { line: number; from: number; to: number; message: string; pointer: string };

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: "symbole inattendu",
  InvalidNumberFormat: "nombre mal formé",
  PropertyNameExpected: "nom de propriété attendu, entre guillemets droits",
  ValueExpected: "valeur attendue",
  ColonExpected: "deux-points « : » attendu",
  CommaExpected: "virgule attendue",
  CloseBraceExpected: "accolade fermante « } » attendue",
  CloseBracketExpected: "crochet fermant « ] » attendu",
  EndOfFileExpected: "fin du fichier attendue",
  InvalidCommentToken: "les commentaires ne sont pas permis en JSON",
  UnexpectedEndOfComment: "commentaire non terminé",
  UnexpectedEndOfString: "chaîne de caractères non terminée",
  UnexpectedEndOfNumber: "nombre incomplet",
  InvalidUnicode: "séquence Unicode invalide",
  InvalidEscapeCharacter: "caractère d'échappement invalide",
  InvalidCharacter: "caractère interdit dans une chaîne (retour à la ligne ou tabulation)",
};

/** Segments of an RFC 6901 JSON pointer ("" is the whole document). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer.replace(/^\//, "").split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The deepest node on the pointer's path that exists in the tree. */
export function closestNode(root: Node, segments: string[]): Node {
  let node = root;
  for (const segment of segments) {
    let next: Node | undefined;
    if (node.type === "object") {
      next = node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1];
    } else if (node.type === "array" && /^(0|[1-9]\d*)$/.test(segment)) {
      next = node.children?.[Number(segment)];
    }
    if (!next) return node;
    node = next;
  }
  return node;
}

/** The text to mark for a node: a scalar whole, a container by its key (or opening bracket). */
function nodeRange(node: Node): { from: number; to: number } {
  if (node.type !== "object" && node.type !== "array") return { from: node.offset, to: node.offset + node.length };
  const key = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
  if (key) return { from: key.offset, to: key.offset + key.length };
  return { from: node.offset, to: node.offset + 1 };
}

/** 1-based line of each offset, by binary search over the line starts. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/** Syntax errors of `text` as plain JSON (no comments, no trailing commas). */
function syntaxProblems(errors: ParseError[]): Array<Omit<LocatedProblem, "line">> {
  return errors.map((e) => ({
    from: e.offset,
    to: e.offset + e.length,
    message: `JSON invalide : ${SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? "syntaxe incorrecte"}`,
    pointer: "",
  }));
}

/**
 * Syntax errors of `text`, then `problems` placed at their pointer; sorted
 * by position. Offsets are UTF-16 indices into `text`, lines start at 1.
 */
export function locateProblems(text: string, problems: readonly PointedProblem[]): LocatedProblem[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const placed = syntaxProblems(errors);
  for (const problem of problems) {
    const range = root ? nodeRange(closestNode(root, pointerSegments(problem.pointer))) : { from: 0, to: Math.min(1, text.length) };
    placed.push({ ...range, message: problem.message, pointer: problem.pointer });
  }
  const lineOf = lineFinder(text);
  return placed
    .map((p) => ({ line: lineOf(p.from), ...p }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
}
