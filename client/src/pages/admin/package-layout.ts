/** What the workspace needs to know of a package being edited, read leniently (files may be invalid while typed). */
export type PackageProblem = { file: string; pointer: string; message: string };
export type PackageLayout = {
  id?: string; title?: string; applicationForm?: string;
  forms: Array<{ id: string; title: string; schema: string; ui?: string }>;
  machine?: unknown; roleLabels: Record<string, string>;
  computed: Record<string, { label: string; type: string; unit?: string }>;
};

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseFile(files: Record<string, string>, path: string | undefined): Record<string, unknown> | undefined {
  return path ? parse(files[path]) : undefined;
}

export function packageLayout(files: Record<string, string>): PackageLayout {
  const manifest = parse(files["manifest.json"]) ?? {};
  const forms = Object.entries((manifest.forms ?? {}) as Record<string, { title?: string; schema?: string; ui?: string }>)
    .filter(([, f]) => typeof f.schema === "string")
    .map(([id, f]) => ({ id, title: f.title ?? id, schema: f.schema!, ...(f.ui ? { ui: f.ui } : {}) }));
  const roles = (manifest.roles ?? {}) as Record<string, { label?: string }>;
  const computedFile = parse(files[String(manifest.computed ?? "computed.json")]);
  return {
    ...(typeof manifest.id === "string" ? { id: manifest.id } : {}),
    ...(typeof manifest.title === "string" ? { title: manifest.title } : {}),
    ...(typeof manifest.applicationForm === "string" ? { applicationForm: manifest.applicationForm } : {}),
    forms,
    machine: parse(files[String(manifest.lifecycle ?? "lifecycle.machine.json")]),
    roleLabels: Object.fromEntries(Object.entries(roles).map(([k, v]) => [k, v.label ?? k])),
    computed: (computedFile?.values ?? {}) as PackageLayout["computed"],
  };
}
