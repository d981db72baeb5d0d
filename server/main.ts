/**
 * `npm start`: loads and compiles the embedded default procedure package (a
 * package with any problem never starts the server: its problems are printed
 * and the process exits with status 1), then serves the HTTP API on PORT.
 */
import { serve } from "@hono/node-server";
import { DEFAULT_PACKAGE_DIR } from "./config/default-package";
import { formatProblem } from "./config/problems";
import { loadPackageDir } from "./config/read-package-dir";
import { compileProcedure } from "./engine/compile-procedure";
import { createApp } from "./http/app";

const result = await loadPackageDir(DEFAULT_PACKAGE_DIR);
if (!result.ok) {
  console.error(`Le paquet de procédure ${DEFAULT_PACKAGE_DIR} est invalide ; Guichet ne démarre pas.`);
  for (const p of result.problems) console.error(formatProblem(p));
  process.exit(1);
}
const procedure = compileProcedure(result.pkg);
const port = Number(process.env.PORT ?? 3000);
const server = serve({ fetch: createApp({ procedures: [procedure] }).fetch, port, hostname: process.env.HOST ?? "127.0.0.1" }, (info) => {
  console.log(`Guichet écoute sur http://localhost:${info.port}/api/procedures (procédure « ${procedure.id} », version ${procedure.hash.slice(0, 12)}).`);
});

function shutdown(): void {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
