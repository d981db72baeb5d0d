/**
 * One Vite configuration for the web client (root `client/`, built into
 * `client/dist`, which the server serves) and for Vitest (tests under `test/`).
 * In development, `npm run dev:client` proxies `/api` to the server on :3000.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: join(here, "client"),
  plugins: [react()],
  build: {
    outDir: join(here, "client", "dist"),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    manifest: true,
    rolldownOptions: {
      output: {
        // Named vendor chunks, so the bundle report (npm run bench) reads clearly.
        advancedChunks: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "rjsf", test: /node_modules[\\/](@rjsf|lodash|lodash-es|ajv-i18n|markdown-to-jsx|jsonpointer|json-schema-merge-allof|compute-gcd|compute-lcm|validate\.io-[a-z-]+|fast-uri|nanoid|fast-deep-equal)[\\/]/ },
            { name: "codemirror", test: /node_modules[\\/](@codemirror|@lezer|codemirror|style-mod|crelt|w3c-keyname)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  test: {
    root: here,
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
