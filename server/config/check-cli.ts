/**
 * `npm run config:check -- <package folder> [more folders…]`: loads each
 * procedure package with every check the server runs at start-up and prints
 * each problem as `file › JSON pointer › message`. Exit status 1 when any
 * package has a problem. Without an argument, checks the default package.
 */
import { resolve } from "node:path";
import { DEFAULT_PACKAGE_DIR } from "./default-package";
import { formatProblem } from "./problems";
import { loadPackageDir } from "./read-package-dir";

async function check(dir: string): Promise<boolean> {
  let result;
  try {
    result = await loadPackageDir(dir);
  } catch (error) {
    console.error(`${dir} › / › ${(error as Error).message}`);
    return false;
  }
  if (!result.ok) {
    for (const problem of result.problems) console.error(formatProblem(problem));
    console.error(`${result.problems.length} problème${result.problems.length > 1 ? "s" : ""} dans ${dir}\n`);
    return false;
  }
  const { pkg } = result;
  const states = JSON.stringify(pkg.machine.states).match(/"meta":\{"label"/g)?.length ?? 0;
  const caseCount = pkg.cases.reduce((n, c) => n + c.content.cases.length, 0);
  console.log(`Paquet « ${pkg.manifest.id} » valide (${pkg.hash.slice(0, 12)}) : ${Object.keys(pkg.forms).length} formulaires, `
    + `${Object.keys(pkg.computed.values).length} valeurs calculées, ${Object.keys(pkg.rules.rules).length} règles, ${states} états, ${caseCount} cas vérifiés.`);
  return true;
}

const dirs = process.argv.slice(2).map((d) => resolve(d));
let ok = true;
for (const dir of dirs.length > 0 ? dirs : [DEFAULT_PACKAGE_DIR]) ok = (await check(dir)) && ok;
process.exitCode = ok ? 0 : 1;
