namespace Locality.Infrastructure.Persistence.Migrations.Sql;

/// <summary>
/// The hand-written SQL of the initial migration, in the order its <c>Up</c> applies it (after the tables EF Core
/// makes) and the reverse of the order its <c>Down</c> takes it away. Each is the final form of what the migrations
/// squashed into <c>Initial</c> made. The back-fills those migrations ran over rows already recorded (address keys,
/// the demand totals) are not here: the initial migration runs on an empty database.
/// The migration that applies these runs this text: change the schema with a new migration, not by editing them.
/// </summary>
public static class InitialSql
{
    /// <summary>
    /// The trigger function behind every append-only table: it refuses UPDATE, DELETE and TRUNCATE, except that a
    /// trigger given an argument lets an update move a row to the surviving record of a merge (person_id,
    /// conversation_id) and change nothing else.
    /// </summary>
    public static readonly NamedSql RefuseChange = new(
        nameof(RefuseChange),
        """
        CREATE FUNCTION locality_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND TG_ARGV[0] IS NOT NULL
               AND (to_jsonb(NEW) - 'person_id' - 'conversation_id') = (to_jsonb(OLD) - 'person_id' - 'conversation_id') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'Rows in % are only ever added: % is refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'restrict_violation';
        END;
        $$;
        """,
        "DROP FUNCTION locality_refuse_change();");

    /// <summary>
    /// The timeline is append-only in the database as well as in the application: no role that connects can change
    /// or delete an entry, an amendment or a merge record. Merging two records for the same person may move entries
    /// to the surviving record, and nothing else.
    /// </summary>
    public static readonly NamedSql TimelineAppendOnly = AppendOnly(
        nameof(TimelineAppendOnly),
        new AppendOnlyTable("timeline_entries", MayMoveToSurvivor: true),
        new AppendOnlyTable("timeline_amendments"),
        new AppendOnlyTable("person_merges", RefuseTruncate: false));

    /// <summary>
    /// One current lead key worker per conversation. Checked at commit, so a change of lead can end the old lead's
    /// membership and start the new one's in either order.
    /// </summary>
    public static readonly NamedSql OneCurrentLead = new(
        nameof(OneCurrentLead),
        """
        ALTER TABLE conversation_members ADD CONSTRAINT conversation_members_one_current_lead
            EXCLUDE USING btree (conversation_id WITH =) WHERE (role = 'Lead' AND left_at IS NULL)
            DEFERRABLE INITIALLY DEFERRED;
        """,
        "ALTER TABLE conversation_members DROP CONSTRAINT conversation_members_one_current_lead;");

    /// <summary>
    /// Nobody who connects can change or delete the audit, not even the application's own role. Consent decisions
    /// and agreement versions are history too: only ever added. A merge may move a person's consent decisions to the
    /// surviving record, and nothing else.
    /// </summary>
    public static readonly NamedSql AuditAndConsentAppendOnly = AppendOnly(
        nameof(AuditAndConsentAppendOnly),
        new AppendOnlyTable("audit_records"),
        new AppendOnlyTable("consent_records", MayMoveToSurvivor: true, RefuseTruncate: false),
        new AppendOnlyTable("sharing_agreement_versions", RefuseTruncate: false));

    /// <summary>
    /// Ratings are only ever added, like the timeline; merging two records for the same person may move them to the
    /// survivor.
    /// </summary>
    public static readonly NamedSql RatingsAppendOnly = AppendOnly(nameof(RatingsAppendOnly), new AppendOnlyTable("ratings", MayMoveToSurvivor: true));

    /// <summary>
    /// A version of an instrument that ratings use may be retired, never rewritten or deleted (the application makes
    /// a new version instead).
    /// </summary>
    public static readonly NamedSql InstrumentVersionsKeepRated = new(
        nameof(InstrumentVersionsKeepRated),
        """
        CREATE FUNCTION locality_keep_rated_definitions() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' OR NEW.definition IS DISTINCT FROM OLD.definition OR NEW.number <> OLD.number THEN
                IF EXISTS (SELECT 1 FROM ratings WHERE instrument_version_id = OLD.id) THEN
                    RAISE EXCEPTION 'Version % of this instrument has ratings: make a new version instead', OLD.number
                        USING ERRCODE = 'restrict_violation';
                END IF;
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END;
        $$;

        CREATE TRIGGER instrument_versions_keep_rated BEFORE UPDATE OR DELETE ON instrument_versions
            FOR EACH ROW EXECUTE FUNCTION locality_keep_rated_definitions();
        """,
        """
        DROP TRIGGER instrument_versions_keep_rated ON instrument_versions;
        DROP FUNCTION locality_keep_rated_definitions();
        """);

    /// <summary>Every version of a plan is kept whole, as the change left it: the plan as it stood on any date.</summary>
    public static readonly NamedSql PlanVersionsAppendOnly = AppendOnly(nameof(PlanVersionsAppendOnly), new AppendOnlyTable("plan_versions", MayMoveToSurvivor: true));

    /// <summary>How an event was classified, and every change to it, is kept: reclassifications are only ever added.</summary>
    public static readonly NamedSql DemandReclassificationsAppendOnly = AppendOnly(nameof(DemandReclassificationsAppendOnly), new AppendOnlyTable("demand_reclassifications"));

    /// <summary>A row an import could not take is part of its report: only ever added.</summary>
    public static readonly NamedSql DemandImportProblemsAppendOnly = AppendOnly(nameof(DemandImportProblemsAppendOnly), new AppendOnlyTable("demand_import_problems"));

    /// <summary>The team lead's demand figures, kept by PostgreSQL as events arrive or change (see <see cref="DemandTotalsSql"/>).</summary>
    public static readonly NamedSql DemandTotals = new(nameof(DemandTotals), DemandTotalsSql.Create, DemandTotalsSql.Drop);

    /// <summary>
    /// EF indexes every foreign key, and its conventions keep these in the model; but nothing reads demand events by
    /// type, failure type, locality, team or import alone (the demand page reads the totals), and each index costs
    /// every row a partner sends. So the database does without them. IF EXISTS, so a later migration that drops them
    /// as EF sees them still runs.
    /// </summary>
    public static readonly NamedSql LeanerDemandEvents = new(
        nameof(LeanerDemandEvents),
        """
        DROP INDEX IF EXISTS ix_demand_events_type_code;
        DROP INDEX IF EXISTS ix_demand_events_failure_type_code;
        DROP INDEX IF EXISTS ix_demand_events_locality_id;
        DROP INDEX IF EXISTS ix_demand_events_team_id;
        DROP INDEX IF EXISTS ix_demand_events_import_id;
        """,
        """
        CREATE INDEX ix_demand_events_type_code ON demand_events (type_code);
        CREATE INDEX ix_demand_events_failure_type_code ON demand_events (failure_type_code);
        CREATE INDEX ix_demand_events_locality_id ON demand_events (locality_id);
        CREATE INDEX ix_demand_events_team_id ON demand_events (team_id);
        CREATE INDEX ix_demand_events_import_id ON demand_events (import_id);
        """);

    /// <summary>
    /// Wrong passwords counted per account and client address, shared by every instance of both hosts. Read and
    /// written only by <c>PasswordSignIn</c> in SQL, so the table is not part of the EF model. The account is a
    /// SHA-256 of the normalised email typed, so guesses at made-up emails keep no one's address.
    /// </summary>
    public static readonly NamedSql SignInFailures = new(
        nameof(SignInFailures),
        """
        CREATE TABLE sign_in_failures (
            account character varying(64) NOT NULL,
            client_address character varying(64) NOT NULL,
            failures integer NOT NULL,
            last_failed_at timestamp with time zone NOT NULL,
            not_before timestamp with time zone NOT NULL,
            CONSTRAINT pk_sign_in_failures PRIMARY KEY (account, client_address));
        CREATE INDEX ix_sign_in_failures_last_failed_at ON sign_in_failures (last_failed_at);
        """,
        "DROP TABLE sign_in_failures;");

    /// <summary>Every piece, in the order <c>Up</c> applies them: the function the triggers call comes first.</summary>
    public static IReadOnlyList<NamedSql> InOrder { get; } =
    [
        RefuseChange,
        TimelineAppendOnly,
        OneCurrentLead,
        AuditAndConsentAppendOnly,
        RatingsAppendOnly,
        InstrumentVersionsKeepRated,
        PlanVersionsAppendOnly,
        DemandReclassificationsAppendOnly,
        DemandImportProblemsAppendOnly,
        DemandTotals,
        LeanerDemandEvents,
        SignInFailures,
    ];

    private static NamedSql AppendOnly(string name, params AppendOnlyTable[] tables) =>
        new(name, string.Concat(tables.Select(t => t.Up)), string.Concat(tables.Reverse().Select(t => t.Down)));

    /// <summary>
    /// The triggers that keep a table's rows as they were added: UPDATE and DELETE refused row by row (a merge may move
    /// a row to the surviving record where <see cref="MayMoveToSurvivor"/>), and TRUNCATE refused where it applies.
    /// </summary>
    private sealed record AppendOnlyTable(string Table, bool MayMoveToSurvivor = false, bool RefuseTruncate = true)
    {
        public string Up =>
            $"""
            CREATE TRIGGER {Table}_append_only BEFORE UPDATE OR DELETE ON {Table}
                FOR EACH ROW EXECUTE FUNCTION locality_refuse_change({(MayMoveToSurvivor ? "'may-move-to-survivor'" : string.Empty)});

            """
            + (RefuseTruncate
                ? $"""
                  CREATE TRIGGER {Table}_no_truncate BEFORE TRUNCATE ON {Table}
                      FOR EACH STATEMENT EXECUTE FUNCTION locality_refuse_change();

                  """
                : string.Empty);

        public string Down =>
            (RefuseTruncate ? $"DROP TRIGGER {Table}_no_truncate ON {Table};\n" : string.Empty)
            + $"DROP TRIGGER {Table}_append_only ON {Table};\n";
    }
}
