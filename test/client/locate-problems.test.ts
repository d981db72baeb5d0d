/**
 * Placing problems in a package file's text (the admin editor's diagnostics),
 * and the browser-side meta-schema check that feeds it.
 */
import { describe, expect, it } from "vitest";
import { locateProblems, pointerSegments } from "../../client/src/admin/locate-problems";
import { metaKindFor } from "../../client/src/admin/meta-schemas";

const TEXT = `{
  "id": "demo",
  "forms": {
    "application": { "title": "Candidature", "schema": "forms/a.schema.json" }
  },
  "cases": [
    "cases/one.json",
    { "file": 3 }
  ]
}
`;

function at(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return i;
}

describe("locateProblems", () => {
  it("reports a syntax error in French at its line", () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}\n';
    const [first, ...rest] = locateProblems(text, []);
    expect(first).toMatchObject({ line: 3, pointer: "", message: "JSON invalide : deux-points « : » attendu" });
    expect(first!.from).toBe(at(text, "2"));
    expect(rest.every((p) => p.message.startsWith("JSON invalide : "))).toBe(true);
    expect(locateProblems('{ "a": 1, // note\n}', [])[0]).toMatchObject({ line: 1, message: "JSON invalide : les commentaires ne sont pas permis en JSON" });
    expect(locateProblems('{ "a": [1, 2,] }', []).length).toBeGreaterThan(0);
    expect(locateProblems("", [])[0]).toMatchObject({ line: 1, from: 0, message: "JSON invalide : valeur attendue" });
  });

  it("places a pointer on the value it names, inside nested arrays and objects", () => {
    const [item] = locateProblems(TEXT, [{ pointer: "/cases/1/file", message: "doit être une chaîne" }]);
    expect(item).toEqual({ line: 8, from: at(TEXT, "3 }"), to: at(TEXT, "3 }") + 1, message: "doit être une chaîne", pointer: "/cases/1/file" });
    const [title] = locateProblems(TEXT, [{ pointer: "/forms/application/title", message: "trop court" }]);
    expect(title).toMatchObject({ line: 4, from: at(TEXT, '"Candidature"'), to: at(TEXT, '"Candidature"') + '"Candidature"'.length });
    const [entry] = locateProblems(TEXT, [{ pointer: "/cases/0", message: "fichier introuvable" }]);
    expect(entry).toMatchObject({ line: 7, from: at(TEXT, '"cases/one.json"') });
  });

  it("falls back to the closest existing parent for a missing property", () => {
    const [missing] = locateProblems(TEXT, [{ pointer: "/forms/application/ui", message: "doit avoir la propriété requise ui" }]);
    expect(missing).toMatchObject({ line: 4, from: at(TEXT, '"application"'), to: at(TEXT, '"application"') + '"application"'.length });
    const [deep] = locateProblems(TEXT, [{ pointer: "/cases/7/file", message: "absent" }]);
    expect(deep).toMatchObject({ line: 6, from: at(TEXT, '"cases"') });
    const [root] = locateProblems(TEXT, [{ pointer: "/title", message: "doit avoir la propriété requise title" }]);
    expect(root).toMatchObject({ line: 1, from: 0, to: 1 });
    expect(locateProblems(TEXT, [{ pointer: "/", message: "racine" }])[0]).toMatchObject({ line: 1, from: 0 });
  });

  it("sorts by position and decodes escaped pointer segments", () => {
    const text = '{\n  "a/b": { "~x": 1 },\n  "z": 2\n}';
    const located = locateProblems(text, [{ pointer: "/z", message: "deux" }, { pointer: "/a~1b/~0x", message: "un" }]);
    expect(located.map((p) => [p.line, p.message])).toEqual([[2, "un"], [3, "deux"]]);
    expect(pointerSegments("/a~1b/~0x/0")).toEqual(["a/b", "~x", "0"]);
  });

  it("counts lines the way an editor does, also with CRLF line ends", () => {
    const text = '{\r\n  "a": 1,\r\n  "b": true\r\n}';
    expect(locateProblems(text, [{ pointer: "/b", message: "non" }])[0]).toMatchObject({ line: 3 });
  });
});

describe("meta-schemas in the browser", () => {
  it("maps package paths to their meta-schema like the loader", () => {
    expect(metaKindFor("manifest.json")).toBe("manifest");
    expect(metaKindFor("forms/application.schema.json")).toBe("form");
    expect(metaKindFor("forms/application.ui.json")).toBe("ui");
    expect(metaKindFor("computed.json")).toBe("computed");
    expect(metaKindFor("rules.json")).toBe("rules");
    expect(metaKindFor("lifecycle.machine.json")).toBe("machine");
    expect(metaKindFor("cases/cases.json")).toBe("cases");
    expect(metaKindFor("notes.json")).toBeNull();
    expect(metaKindFor("custom/values.json", { computed: "custom/values.json" })).toBe("computed");
  });

});
