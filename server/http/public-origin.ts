/**
 * The origin of the links Guichet puts in emails, fixed at start-up and never
 * taken from a request's Host header (anyone can set it, and a reset link to
 * another site hands the token over). PUBLIC_ORIGIN when set — required in
 * production; elsewhere, the address Guichet listens on.
 */
export type LinkOrigins = { publicOrigin?: string; listenOrigin: string };

export function linkOriginsFromEnv(env: Record<string, string | undefined>, where: { production: boolean; port: number }): LinkOrigins {
  const listenOrigin = `http://localhost:${where.port}`;
  const raw = env.PUBLIC_ORIGIN?.trim();
  if (!raw) {
    if (where.production) {
      throw new Error("PUBLIC_ORIGIN est obligatoire en production (par exemple PUBLIC_ORIGIN=https://guichet.exemple.fr) : "
        + "c'est l'adresse des liens envoyés par courriel. Guichet ne démarre pas sans elle.");
    }
    return { listenOrigin };
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || `${url.origin}/` !== `${raw.replace(/\/$/, "")}/`) {
    throw new Error(`PUBLIC_ORIGIN n'est pas une origine (schéma, nom et port éventuel, sans chemin ; par exemple https://guichet.exemple.fr) : ${raw}`);
  }
  return { publicOrigin: url.origin, listenOrigin };
}
