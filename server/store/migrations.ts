/**
 * Schema migrations, run at start by Kysely's Migrator. Portable column types
 * only; the append-only guard on audit events is a trigger in each dialect.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { Dialect } from "./database";
import { lifecycleMigration } from "./migration-lifecycle";

function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("procedure_versions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("procedure_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("files", "text", (c) => c.notNull())
        .addColumn("published_at", "text", (c) => c.notNull())
        .addColumn("published_by", "text")
        .addUniqueConstraint("procedure_versions_seq", ["procedure_id", "seq"])
        .execute();

      await db.schema.createTable("organisations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("siret", "text")
        .addColumn("territory_code", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema.createTable("dossiers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("procedure_id", "text", (c) => c.notNull())
        .addColumn("version_id", "text", (c) => c.notNull().references("procedure_versions.id"))
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("is_open", "integer", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("facts", "text", (c) => c.notNull())
        .addColumn("computed", "text", (c) => c.notNull())
        .addColumn("rule_results", "text", (c) => c.notNull())
        .addColumn("search_text", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text")
        .execute();
      await db.schema.createIndex("dossiers_by_procedure_state").on("dossiers").columns(["procedure_id", "state", "id"]).execute();
      await db.schema.createIndex("dossiers_by_procedure").on("dossiers").columns(["procedure_id", "id"]).execute();
      await db.schema.createIndex("dossiers_by_organisation").on("dossiers").columns(["organisation_id", "id"]).execute();
      await db.schema.createIndex("dossiers_open_by_version").on("dossiers").columns(["version_id", "is_open"]).execute();

      await db.schema.createTable("audit_events")
        .addColumn("dossier_id", "text", (c) => c.notNull().references("dossiers.id"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("actor_role", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("from_state", "text")
        .addColumn("to_state", "text", (c) => c.notNull())
        .addColumn("input", "text", (c) => c.notNull())
        .addColumn("rule_results", "text", (c) => c.notNull())
        .addColumn("data_diff", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("audit_events_pk", ["dossier_id", "seq"])
        .execute();

      await db.schema.createTable("timers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("dossier_id", "text", (c) => c.notNull().references("dossiers.id"))
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("fired_at", "text")
        .addColumn("outcome", "text")
        .execute();
      await db.schema.createIndex("timers_due").on("timers").columns(["status", "due_at"]).execute();
      await db.schema.createIndex("timers_by_dossier").on("timers").columns(["dossier_id", "status"]).execute();

      await db.schema.createTable("idempotency_keys")
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("dossier_id", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["actor_id", "key"])
        .execute();

      await db.schema.createTable("cycles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("dossier_id", "text", (c) => c.notNull().references("dossiers.id"))
        .addColumn("year_index", "integer", (c) => c.notNull())
        .addColumn("starts_on", "text", (c) => c.notNull())
        .addColumn("ends_on", "text", (c) => c.notNull())
        .addColumn("report_due_at", "text", (c) => c.notNull())
        .addColumn("report", "text")
        .addColumn("report_filed_at", "text")
        .addColumn("funding", "real")
        .addColumn("funding_formula", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addUniqueConstraint("cycles_dossier_year", ["dossier_id", "year_index"])
        .execute();

      await db.schema.createTable("dossier_counts")
        .addColumn("procedure_id", "text", (c) => c.notNull())
        .addColumn("organisation_id", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("dossier_counts_pk", ["procedure_id", "organisation_id", "state"])
        .execute();

      if (dialect === "sqlite") {
        await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
      } else {
        await sql`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
      }
    },
  };
}

function accounts(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("accounts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text")
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("territory_code", "text", (c) => c.notNull())
        .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema.createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_by_account").on("sessions").column("account_id").execute();
      await db.schema.createIndex("sessions_by_expiry").on("sessions").column("expires_at").execute();

      await db.schema.createTable("invitations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("territory_code", "text", (c) => c.notNull())
        .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
        .addColumn("invited_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();

      await db.schema.createTable("rate_limits")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .execute();

      await db.schema.createTable("attachments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("dossier_id", "text", (c) => c.notNull().references("dossiers.id"))
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("media_type", "text", (c) => c.notNull())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("content", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("uploaded_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("attachments_by_dossier").on("attachments").columns(["dossier_id", "created_at"]).execute();
    },
  };
}

/** The tokens of the structured filters; rows that predate it stay NULL until the engine reindexes them. */
const filterText: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("dossiers").addColumn("filter_text", "text").execute();
    await db.schema.createIndex("dossiers_filter_text_pending").on("dossiers").column("id").where(sql.ref("filter_text"), "is", null).execute();
  },
};

/**
 * People: territories (created by operators), organisations of several
 * members (owners and members), join requests, one-time email tokens
 * (sign-up, password reset; only their hash), identities from an OpenID
 * provider, and the outbox of everything sent outside Guichet.
 */
const people: Migration = {
  async up(db: Kysely<unknown>) {
    // First, before any change (SQLite runs a migration outside a transaction): one organisation per SIRET.
    await refuseDuplicateSirets(db);
    await db.schema.createTable("territories")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema.alterTable("organisations").addColumn("legal_status", "text").execute();
    await db.schema.createIndex("organisations_siret").on("organisations").column("siret").unique().where(sql.ref("siret"), "is not", null).execute();

    await db.schema.alterTable("accounts").addColumn("organisation_role", "text").execute();
    await db.schema.createIndex("accounts_by_organisation").on("accounts").columns(["organisation_id", "organisation_role"]).execute();
    await db.schema.alterTable("invitations").addColumn("organisation_role", "text").execute();
    await db.schema.alterTable("invitations").addColumn("revoked_at", "text").execute();
    await db.schema.createIndex("invitations_by_territory").on("invitations").columns(["territory_code", "created_at"]).execute();
    await db.schema.alterTable("sessions").addColumn("provider", "text").execute();
    await db.schema.alterTable("sessions").addColumn("id_token", "text").execute();

    await db.schema.createTable("join_requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("message", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("decided_at", "text")
      .addColumn("decided_by", "text")
      .execute();
    await db.schema.createIndex("join_requests_by_organisation").on("join_requests").columns(["organisation_id", "status"]).execute();
    await db.schema.createIndex("join_requests_by_account").on("join_requests").columns(["account_id", "status"]).execute();

    await db.schema.createTable("email_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("account_id", "text")
      .addColumn("data", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_at", "text")
      .execute();
    await db.schema.createIndex("email_tokens_by_email").on("email_tokens").columns(["email", "purpose"]).execute();

    await db.schema.createTable("identities")
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_login_at", "text")
      .addPrimaryKeyConstraint("identities_pk", ["provider", "subject"])
      .execute();

    await db.schema.createTable("outbox")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("recipient", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("claimed_until", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .execute();
    await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
  },
};

/**
 * The unique index of 0004 cannot be built over organisations sharing a
 * SIRET (allowed before it): stop and say which, for a person to merge or
 * correct them, rather than fail on the index.
 */
async function refuseDuplicateSirets(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; name: string; siret: string }>`
    select id, name, siret from organisations
    where siret in (select siret from organisations where siret is not null group by siret having count(*) > 1)
    order by siret, id`.execute(db);
  if (rows.length === 0) return;
  const lines = rows.map((r) => `  - ${r.id} « ${r.name} » (SIRET ${r.siret})`);
  throw new Error([
    "Migration 0004_people impossible : plusieurs organisations ont le même numéro SIRET, qui doit désormais être unique.",
    ...lines,
    "Corrigez-les avant de redémarrer : fusionnez les doublons, ou corrigez ou effacez (NULL) le SIRET erroné de chacune, par exemple :",
    "  UPDATE organisations SET siret = NULL WHERE id = '<id>';",
  ].join("\n"));
}

/**
 * Owners for the organisations that predate them: 0004 added
 * accounts.organisation_role without filling it. The managers of an
 * organisation without owner all become its owners; the other managers of
 * an organisation, its members.
 */
const owners: Migration = {
  async up(db: Kysely<unknown>) {
    const { rows } = await sql<{ organisation_id: string }>`
      select organisation_id from accounts where role = 'manager' and organisation_id is not null
      group by organisation_id having sum(case when organisation_role = 'owner' then 1 else 0 end) = 0`.execute(db);
    for (const { organisation_id } of rows) {
      await sql`update accounts set organisation_role = 'owner' where role = 'manager' and organisation_id = ${organisation_id}`.execute(db);
    }
    await sql`update accounts set organisation_role = 'member' where role = 'manager' and organisation_id is not null and organisation_role is null`.execute(db);
  },
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => ({ "0001_initial": initial(dialect), "0002_accounts": accounts(dialect), "0003_filter_text": filterText, "0004_people": people, "0005_owners": owners, "0006_lifecycle": lifecycleMigration }) };
}
