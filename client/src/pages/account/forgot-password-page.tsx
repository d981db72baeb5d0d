/**
 * « Mot de passe oublié ? »: the address only; the same answer whether or not
 * it has an account, so the page always asks to read one's mail.
 */
import { Link } from "wouter";
import { EmailRequestPage } from "./email-request-form";

export default function ForgotPasswordPage() {
  return (
    <EmailRequestPage title="Mot de passe oublié" prefix="forgot" path="/api/password/forgot"
      intro={<p>Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>}
      legend="Votre compte" autoComplete="username" hint="Format attendu : nom@domaine.fr"
      sent={(email) => <p>Si un compte existe pour {email}, un message vient de lui être envoyé avec un lien, valable une heure, pour choisir un nouveau mot de passe.</p>}
      footer={<p className="fr-text--sm"><Link href="/connexion">Retour à la connexion</Link></p>} />
  );
}
