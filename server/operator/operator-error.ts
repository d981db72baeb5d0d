/**
 * The one error of the operators' CLI: a French sentence for the operator and
 * an exit status (1 for a refusal, 2 for a command line that cannot be read,
 * followed by the usage).
 */
export class OperatorError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

/** Turns `util.parseArgs` errors (English, for developers) into French for the operator. */
export function parseArgsError(error: unknown): OperatorError {
  const e = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^'\s]+)/.exec(e.message ?? "")?.[1] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new OperatorError(`Option inconnue : ${option}.`, 2);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new OperatorError(`L'option ${option} attend une valeur.`, 2);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new OperatorError("Trop d'arguments pour cette commande.", 2);
    default:
      return new OperatorError(`Ligne de commande illisible : ${e.message ?? String(error)}`, 2);
  }
}
