/**
 * The shell: DSFR header and footer, the session, and the routes. Each
 * workspace is its own chunk (React.lazy), so a manager never downloads the
 * admin editor.
 */
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { lazy, Suspense, type ReactNode } from "react";
import { Redirect, Route, Switch, useLocation } from "wouter";
import type { Role } from "./api/types";
import { Loading } from "./components/loading";
import { RouteFocus } from "./components/route-focus";
import { ROLE_LABELS } from "./labels";
import { LoginPage } from "./pages/login-page";
import { SessionProvider, useSession } from "./session";

const ManagerHome = lazy(() => import("./pages/manager/manager-home"));
const ApplicationPage = lazy(() => import("./pages/manager/application-page"));
const DossierPage = lazy(() => import("./pages/dossier/dossier-page"));
const ReceiptPage = lazy(() => import("./pages/dossier/receipt-page"));
const QueuePage = lazy(() => import("./pages/staff/queue-page"));
const AdminPage = lazy(() => import("./pages/admin/admin-page"));
const AccountsPage = lazy(() => import("./pages/admin/accounts-page"));
const OrganisationPage = lazy(() => import("./pages/organisation/organisation-page"));
// The account pages are one small chunk (./pages/account/index.ts).
const account = () => import("./pages/account");
const SignupPage = lazy(() => account().then((m) => ({ default: m.SignupPage })));
const SignupVerifyPage = lazy(() => account().then((m) => ({ default: m.SignupVerifyPage })));
const ForgotPasswordPage = lazy(() => account().then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => account().then((m) => ({ default: m.ResetPasswordPage })));
const InvitationPage = lazy(() => account().then((m) => ({ default: m.InvitationPage })));
const AccountPage = lazy(() => account().then((m) => ({ default: m.AccountPage })));

export { ROLE_LABELS };

function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { account, loading } = useSession();
  const [location] = useLocation();
  if (loading) return <Loading />;
  if (!account) return <Redirect to={`/connexion?retour=${encodeURIComponent(location)}`} />;
  if (roles && !roles.includes(account.role)) {
    return <div className="fr-alert fr-alert--error"><h1 className="fr-alert__title">Accès refusé</h1><p>Votre rôle ne donne pas accès à cette page.</p></div>;
  }
  return <>{children}</>;
}

function Home() {
  const { account, loading } = useSession();
  if (loading) return <Loading />;
  if (!account) return <Redirect to="/connexion" />;
  if (account.role === "manager") return <ManagerHome />;
  if (account.role === "admin") return <Redirect to="/admin" />;
  return <Redirect to="/instruction" />;
}

function Shell() {
  const { account, logout } = useSession();
  const [location, navigate] = useLocation();
  const links = account
    ? account.role === "manager" ? [{ text: "Mes dossiers", href: "/" }, { text: "Mon organisation", href: "/organisation" }]
      : account.role === "admin" ? [{ text: "Paquets de procédure", href: "/admin" }, { text: "Comptes et invitations", href: "/admin/comptes" }, { text: "Dossiers", href: "/instruction" }]
      : [{ text: "Dossiers à traiter", href: "/instruction" }]
    : [];
  // The active entry is the longest one the address starts with ("/admin/comptes" rather than "/admin").
  const matches = (href: string) => (href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`));
  const active = links.filter((l) => matches(l.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const navigation = links.map(({ text, href }) => ({ text, linkProps: { href }, isActive: href === active }));
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" role="navigation" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li><a className="fr-link" href="#contenu">Contenu</a></li>
            {navigation.length > 0 ? <li><a className="fr-link" href="#fr-header-main-navigation">Menu</a></li> : null}
            <li><a className="fr-link" href="#fr-footer">Pied de page</a></li>
          </ul>
        </nav>
      </div>
      <Header
        brandTop={<>République<br />Française</>}
        serviceTitle="Guichet"
        serviceTagline="Appels à candidatures et labels des territoires"
        homeLinkProps={{ href: "/", title: "Accueil — Guichet" }}
        navigation={navigation}
        quickAccessItems={account ? [
          { iconId: "fr-icon-account-circle-line", text: `Mon compte — ${account.displayName} (${ROLE_LABELS[account.role]})`, linkProps: { href: "/compte" } },
          {
            iconId: "fr-icon-logout-box-r-line", text: "Se déconnecter",
            // A ProConnect session also ends at the provider's, which then sends the person back.
            buttonProps: { onClick: () => void logout().then(({ logoutUrl }) => (logoutUrl ? window.location.assign(logoutUrl) : navigate("/connexion"))) },
          },
        ] : [{ iconId: "fr-icon-lock-line", text: "Se connecter", linkProps: { href: "/connexion" } }]}
      />
      <RouteFocus mainId="contenu" />
      <main id="contenu" className="fr-container fr-py-4w" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/connexion" component={LoginPage} />
            <Route path="/inscription" component={SignupPage} />
            <Route path="/inscription/verifier" component={SignupVerifyPage} />
            <Route path="/mot-de-passe/oubli" component={ForgotPasswordPage} />
            <Route path="/mot-de-passe/nouveau" component={ResetPasswordPage} />
            <Route path="/invitation" component={InvitationPage} />
            <Route path="/compte"><Guard><AccountPage /></Guard></Route>
            <Route path="/organisation"><Guard roles={["manager"]}><OrganisationPage /></Guard></Route>
            <Route path="/"><Home /></Route>
            <Route path="/dossiers/:id/candidature">{(p) => <Guard roles={["manager"]}><ApplicationPage id={p.id} /></Guard>}</Route>
            <Route path="/dossiers/:id/recepisse">{(p) => <Guard><ReceiptPage id={p.id} /></Guard>}</Route>
            <Route path="/dossiers/:id">{(p) => <Guard><DossierPage id={p.id} /></Guard>}</Route>
            <Route path="/instruction"><Guard roles={["instructor", "committee", "admin"]}><QueuePage /></Guard></Route>
            <Route path="/admin/comptes"><Guard roles={["admin"]}><AccountsPage /></Guard></Route>
            <Route path="/admin" nest><Guard roles={["admin"]}><AdminPage /></Guard></Route>
            <Route><h1>Page introuvable</h1><p>Cette adresse ne correspond à aucune page de Guichet.</p></Route>
          </Switch>
        </Suspense>
      </main>
      <Footer
        accessibility="partially compliant"
        contentDescription="Guichet est un logiciel libre qui fait tourner les appels à candidatures des territoires à partir de leur configuration : formulaires, règles, montants et cycle de vie."
        bottomItems={[{ text: "Documentation de l'API", linkProps: { href: "/api/docs" } }]}
      />
    </>
  );
}

export function App() {
  return <SessionProvider><Shell /></SessionProvider>;
}
