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
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  test: {
    root: here,
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
