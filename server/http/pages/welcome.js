// Welcome page: lists the open calls, signs in through the API (cookie + CSRF token) and lists the person's dossiers.
const $ = (id) => document.getElementById(id);
let csrf = null;

function item(text) {
  const li = document.createElement("li");
  li.textContent = text;
  return li;
}

async function api(method, path, body) {
  const headers = { "content-type": "application/json" };
  if (csrf) headers["x-csrf-token"] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(data?.detail ?? data?.title ?? `Erreur ${res.status}`);
  return data;
}

async function showSession(account) {
  $("login").hidden = true;
  $("session").hidden = false;
  $("who").textContent = `${account.displayName} (${account.email}) — rôle : ${account.role}, territoire ${account.territoryCode}`;
  const list = $("dossier-list");
  list.replaceChildren(item("Chargement…"));
  const procedures = (await api("GET", "/api/procedures")).items;
  const query = account.role === "manager" ? "" : `?procedureId=${encodeURIComponent(procedures[0]?.id ?? "")}`;
  try {
    const page = await api("GET", `/api/dossiers${query}`);
    list.replaceChildren(...(page.items.length ? page.items.map((d) => item(`Dossier ${d.id.slice(-8)} — ${d.stateLabel} — créé le ${new Date(d.createdAt).toLocaleDateString("fr-FR")}`)) : [item("Aucun dossier.")]));
  } catch (error) {
    list.replaceChildren(item(error.message));
  }
}

async function start() {
  const procedures = (await api("GET", "/api/procedures")).items;
  $("procedure-list").replaceChildren(...procedures.map((p) => {
    const deadline = Object.values(p.deadlines)[0];
    return item(`${p.title}${deadline ? ` — ${deadline.label} : ${new Date(deadline.at).toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: p.timeZone })}` : ""}`);
  }));
  try {
    const me = await api("GET", "/api/auth/me");
    csrf = me.csrfToken;
    await showSession(me.account);
  } catch {
    // Not signed in: the form stays.
  }
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("login-error").hidden = true;
  try {
    const session = await api("POST", "/api/auth/login", { email: $("email").value, password: $("password").value });
    csrf = session.csrfToken;
    await showSession(session.account);
  } catch (error) {
    $("login-error").textContent = error.message;
    $("login-error").hidden = false;
  }
});

$("logout").addEventListener("click", async () => {
  await api("POST", "/api/auth/logout");
  csrf = null;
  $("session").hidden = true;
  $("login").hidden = false;
});

start();
