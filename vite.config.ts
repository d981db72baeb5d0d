/**
 * Vite configuration. For now it only configures Vitest; the web client
 * (client/) will add its build here.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
