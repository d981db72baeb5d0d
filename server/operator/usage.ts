/**
 * The French usage of `npm run operator`, printed by `help` and after a
 * command line that cannot be read.
 */
export const USAGE = `Outil des opérateurs de Guichet : préparer une instance de production (territoires, premiers comptes d'administration)
sans super-administrateur sur le web. Il lit DATABASE_URL (PostgreSQL) ou, sinon, le fichier SQLite par défaut
(\${GUICHET_DATA_DIR:-data}/guichet.sqlite), applique les migrations, et ne démarre jamais le serveur web.

Usage : npm run operator -- <commande> [options]

Commandes :
  territory:create <code> <nom>   Crée un territoire. <code> : code de département (2 chiffres, 2A, 2B, ou 971 à 976).
                                  Exemple : npm run operator -- territory:create 15 "Cantal"
  territory:list                  Liste les territoires, avec leurs comptes d'administration et invitations en attente.
  admin:invite                    Invite la première personne d'un territoire : lien à usage unique, valable 7 jours,
                                  affiché et envoyé par courriel (SMTP_URL ; sans lui, fichier .eml dans le dossier des données).
      --territory <code>          territoire (obligatoire, doit exister)
      --email <adresse>           adresse électronique (obligatoire, sans compte existant)
      --name "<nom>"              nom affiché dans le courriel (facultatif)
      --role admin|instructor|committee   rôle (admin par défaut)
                                  Exemple : npm run operator -- admin:invite --territory 15 --email admin@cantal.fr
  outbox:status [--failures <n>]  Courriels en attente, envoyés, en échec, et les derniers échecs (5 par défaut).
  help                            Affiche cette aide.

Variables lues : DATABASE_URL, GUICHET_DB_SCHEMA (schéma PostgreSQL), GUICHET_DATA_DIR, PUBLIC_ORIGIN (adresse des liens,
http://localhost:3000 par défaut), SMTP_URL, MAIL_FROM.

Statut de sortie : 0 si la commande a réussi, 1 si elle est refusée, 2 si la ligne de commande est illisible.`;
