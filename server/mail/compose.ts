/**
 * The one layout of Guichet's emails: a greeting, paragraphs, an optional
 * button-like link and a closing line, as plain text and as simple HTML
 * (every value escaped). Each flow writes its own French words; this module
 * only lays them out.
 */
export type EmailContent = {
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Lines after the action (e.g. "Ce lien expire dans 1 heure."). */
  after?: string[];
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const SIGNATURE = "— Guichet, le service des appels à candidatures de votre territoire";
const AUTOMATIC = "Ce message est envoyé automatiquement ; merci de ne pas y répondre.";

export function composeEmail(content: EmailContent): { text: string; html: string } {
  const lines = [
    ...(content.greeting ? [content.greeting, ""] : []),
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label} : ${content.action.url}`, ""] : []),
    ...(content.after ?? []).flatMap((p) => [p, ""]),
    SIGNATURE,
    AUTOMATIC,
  ];
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head>
<body style="font-family:Marianne,Arial,sans-serif;color:#161616;line-height:1.5;max-width:600px">
${content.greeting ? p(content.greeting) : ""}
${content.paragraphs.map(p).join("\n")}
${content.action ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#000091;color:#fff;padding:10px 16px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : ${escapeHtml(content.action.url)}</p>` : ""}
${(content.after ?? []).map(p).join("\n")}
<p style="margin:24px 0 0;font-size:14px;color:#666">${escapeHtml(SIGNATURE)}<br>${escapeHtml(AUTOMATIC)}</p>
</body></html>`;
  return { text: lines.join("\n"), html };
}
