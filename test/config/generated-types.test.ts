import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generateAll } from "../../server/config/gen-types";

describe("generated types", () => {
  it("are up to date with the schemas (run `npm run gen:types` after changing one)", async () => {
    const files = await generateAll();
    expect(files.size).toBeGreaterThan(8);
    for (const [path, content] of files) {
      const onDisk = await readFile(path, "utf8").catch(() => "(missing)");
      expect(onDisk, `${path} is stale`).toBe(content);
    }
  });
});
