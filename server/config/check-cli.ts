/**
 * `npm run config:check -- <package folder>`: loads a procedure package with
 * every check the server runs at start-up and prints each problem as
 * `file › JSON pointer › message`. Exit status 1 when there is any problem.
 * Without an argument, checks the default package.
 */
import { resolve } from "node:path";
import { DEFAULT_PACKAGE_DIR } from "./default-package";
import { formatProblem } from "./problems";
import { loadPackageDir } from "./read-package-dir";

async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? DEFAULT_PACKAGE_DIR);
  let result;
  try {
    result = await loadPackageDir(dir);
  } catch (error) {
    console.error(`${dir} › / › ${(error as Error).message}`);
    return 1;
  }
  if (!result.ok) {
    for (const problem of result.problems) console.error(formatProblem(problem));
    console.error(`\n${result.problems.length} problème${result.problems.length > 1 ? "s" : ""} dans ${dir}`);
    return 1;
  }
  const { pkg } = result;
  const states = JSON.stringify(pkg.machine.states).match(/"meta":\{"label"/g)?.length ?? 0;
  const caseCount = pkg.cases.reduce((n, c) => n + c.content.cases.length, 0);
  console.log(`Paquet « ${pkg.manifest.id} » valide (${pkg.hash.slice(0, 12)}) : ${Object.keys(pkg.forms).length} formulaires, `
    + `${Object.keys(pkg.computed.values).length} valeurs calculées, ${Object.keys(pkg.rules.rules).length} règles, ${states} états, ${caseCount} cas vérifiés.`);
  return 0;
}

process.exitCode = await main();
