/**
 * « Créer un compte »: the address only. The answer is the same whether or
 * not the address already has an account (the email says which), so the page
 * always asks to read one's mail.
 */
import { Link } from "wouter";
import { EmailRequestPage } from "./email-request-form";

export default function SignupPage() {
  return (
    <EmailRequestPage title="Créer un compte" prefix="signup" path="/api/signup"
      intro={<p>Un compte permet de déposer et de suivre les candidatures de votre organisation (association, collectivité, entreprise…). Les comptes des services instructeurs et des comités sont créés sur invitation.</p>}
      legend="Votre adresse électronique" autoComplete="email" hint="Format attendu : nom@domaine.fr. Nous y enverrons un lien pour choisir votre mot de passe."
      sent={(email) => <p>Un message vient d'être envoyé à {email}. Il contient un lien, valable 24 heures, pour choisir votre mot de passe. Pensez à regarder dans les courriers indésirables.</p>}
      footer={<p className="fr-text--sm">Vous avez déjà un compte ? <Link href="/connexion">Se connecter</Link></p>} />
  );
}
