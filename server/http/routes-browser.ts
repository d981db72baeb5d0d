/**
 * JavaScript modules the web client imports at run time: the precompiled
 * validators of a version's forms and of the meta-schemas (see
 * browser-validators.ts). Public, like the forms themselves; cached for good
 * (a version's content never changes; the meta-schemas change with Guichet).
 */
import type { Engine } from "../dossiers/engine";
import type { Api } from "./api";
import { formValidatorModule, metaValidatorModule } from "./browser-validators";
import { AppError } from "./problem";

const JS = "text/javascript; charset=utf-8";

export function registerBrowserRoutes(api: Api, engine: Engine): void {
  api.route({
    method: "get", path: "/api/versions/:versionId/forms/:formId/validator.js", summary: "Le validateur précompilé d'un formulaire, module JavaScript pour le navigateur (sans eval)", tags: ["Procédures"], access: "public",
    success: { status: 200, description: "Module ES : export par défaut, les fonctions de validation attendues par RJSF", content: "text/javascript" }, errors: [404],
    handler: async (c) => {
      const version = await engine.registry.get(c.req.param("versionId")!);
      const code = formValidatorModule(version, c.req.param("formId")!);
      if (!code) throw new AppError("form_not_found", 404, "Formulaire introuvable", `Aucun formulaire « ${c.req.param("formId")} » dans cette version.`);
      return c.body(await code, 200, { "Content-Type": JS, "Cache-Control": "public, max-age=31536000, immutable" });
    },
  });
  api.route({
    method: "get", path: "/api/meta/validators.js", summary: "Les validateurs précompilés des méta-schémas, module JavaScript pour l'éditeur de paquets", tags: ["Procédures"], access: "public",
    success: { status: 200, description: "Module ES : export par défaut, une fonction de validation par type de fichier", content: "text/javascript" },
    handler: async (c) => c.body(await metaValidatorModule(), 200, { "Content-Type": JS, "Cache-Control": "no-cache" }),
  });
}
