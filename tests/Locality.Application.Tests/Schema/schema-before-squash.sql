CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
CREATE FUNCTION public.locality_demand_totals() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO demand_monthly_totals AS t
            (month, locality_id, team_id, agency_id, type_code, classification, failure_type_code, events, appointments, missed)
        SELECT date_trunc('month', occurred_at AT TIME ZONE 'Europe/London')::date, locality_id, team_id, agency_id, type_code, classification, failure_type_code,
               -1 * count(*),
               -1 * count(*) FILTER (WHERE attendance_code BETWEEN 2 AND 7),
               -1 * count(*) FILTER (WHERE attendance_code IN (3, 7))
        FROM removed
        GROUP BY 1, 2, 3, 4, 5, 6, 7
                ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT ON CONSTRAINT uq_demand_monthly_totals DO UPDATE
            SET events = t.events + excluded.events,
                appointments = t.appointments + excluded.appointments,
                missed = t.missed + excluded.missed;
        INSERT INTO demand_address_months AS a (month, locality_id, team_id, address_key, events)
        SELECT date_trunc('month', r.occurred_at AT TIME ZONE 'Europe/London')::date, r.locality_id, r.team_id, r.address_key, -1 * count(*)
        FROM removed r
        JOIN demand_types d ON d.code = r.type_code AND d.counts_towards_repeat_call_outs
        WHERE r.address_key IS NOT NULL
        GROUP BY 1, 2, 3, 4
                ORDER BY 1, 2, 3, 4
        ON CONFLICT ON CONSTRAINT uq_demand_address_months DO UPDATE SET events = a.events + excluded.events;
        INSERT INTO demand_address_totals AS a (locality_id, address_key, events)
        SELECT r.locality_id, r.address_key, -1 * count(*)
        FROM removed r
        JOIN demand_types d ON d.code = r.type_code AND d.counts_towards_repeat_call_outs
        WHERE r.address_key IS NOT NULL AND r.locality_id IS NOT NULL
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT ON CONSTRAINT pk_demand_address_totals DO UPDATE SET events = a.events + excluded.events;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO demand_monthly_totals AS t
            (month, locality_id, team_id, agency_id, type_code, classification, failure_type_code, events, appointments, missed)
        SELECT date_trunc('month', occurred_at AT TIME ZONE 'Europe/London')::date, locality_id, team_id, agency_id, type_code, classification, failure_type_code,
               1 * count(*),
               1 * count(*) FILTER (WHERE attendance_code BETWEEN 2 AND 7),
               1 * count(*) FILTER (WHERE attendance_code IN (3, 7))
        FROM added
        GROUP BY 1, 2, 3, 4, 5, 6, 7
                ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT ON CONSTRAINT uq_demand_monthly_totals DO UPDATE
            SET events = t.events + excluded.events,
                appointments = t.appointments + excluded.appointments,
                missed = t.missed + excluded.missed;
        INSERT INTO demand_address_months AS a (month, locality_id, team_id, address_key, events)
        SELECT date_trunc('month', r.occurred_at AT TIME ZONE 'Europe/London')::date, r.locality_id, r.team_id, r.address_key, 1 * count(*)
        FROM added r
        JOIN demand_types d ON d.code = r.type_code AND d.counts_towards_repeat_call_outs
        WHERE r.address_key IS NOT NULL
        GROUP BY 1, 2, 3, 4
                ORDER BY 1, 2, 3, 4
        ON CONFLICT ON CONSTRAINT uq_demand_address_months DO UPDATE SET events = a.events + excluded.events;
        INSERT INTO demand_address_totals AS a (locality_id, address_key, events)
        SELECT r.locality_id, r.address_key, 1 * count(*)
        FROM added r
        JOIN demand_types d ON d.code = r.type_code AND d.counts_towards_repeat_call_outs
        WHERE r.address_key IS NOT NULL AND r.locality_id IS NOT NULL
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT ON CONSTRAINT pk_demand_address_totals DO UPDATE SET events = a.events + excluded.events;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION public.locality_keep_rated_definitions() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.locality_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_ARGV[0] IS NOT NULL
       AND (to_jsonb(NEW) - 'person_id' - 'conversation_id') = (to_jsonb(OLD) - 'person_id' - 'conversation_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Rows in % are only ever added: % is refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TABLE public.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL
);
CREATE TABLE public.agencies (
    id uuid NOT NULL,
    name character varying(160) NOT NULL,
    kind character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.audit_records (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    user_id uuid,
    api_key_id uuid,
    agency_id uuid,
    person_id uuid,
    action character varying(64) NOT NULL,
    sections character varying(200),
    request character varying(200) NOT NULL,
    reason character varying(1000)
);
ALTER TABLE public.audit_records ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_records_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.break_glass_grants (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    worker_id uuid NOT NULL,
    reason character varying(1000) NOT NULL,
    granted_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    reviewed_by uuid,
    reviewed_at timestamp with time zone,
    review_note character varying(1000),
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.community_groups (
    id uuid NOT NULL,
    locality_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    kind character varying(64) NOT NULL,
    offer character varying(2000) NOT NULL,
    when_and_where character varying(2000),
    contact character varying(500),
    accessibility character varying(2000),
    last_checked_on date NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.connections (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    group_id uuid NOT NULL,
    suggested_by character varying(200) NOT NULL,
    suggested_on date NOT NULL,
    went boolean,
    still_going boolean,
    last_heard_on date,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.consent_records (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    decision character varying(64) NOT NULL,
    agency_ids uuid[] NOT NULL,
    sections integer[] NOT NULL,
    method character varying(64) NOT NULL,
    review_on date,
    note character varying(1000),
    recorded_by uuid,
    recorded_at timestamp with time zone NOT NULL
);
CREATE TABLE public.conversation_members (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    role character varying(64) NOT NULL,
    worker_id uuid,
    agency_id uuid NOT NULL,
    joined_at timestamp with time zone NOT NULL,
    joined_by uuid,
    left_at timestamp with time zone,
    left_by uuid
);
CREATE TABLE public.conversations (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    lead_worker_id uuid NOT NULL,
    last_successful_contact_at timestamp with time zone,
    attempts_since_contact integer NOT NULL,
    hand_off_count integer NOT NULL,
    resting_until date,
    last_known_state character varying(64) NOT NULL,
    last_known_state_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.cost_settings (
    id integer NOT NULL,
    price_base character varying(7) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.data_protection_keys (
    id integer NOT NULL,
    friendly_name text,
    xml text
);
ALTER TABLE public.data_protection_keys ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.data_protection_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.demand_address_months (
    month date NOT NULL,
    locality_id uuid,
    team_id uuid,
    address_key character varying(230) NOT NULL,
    events bigint NOT NULL
);
CREATE TABLE public.demand_address_totals (
    locality_id uuid NOT NULL,
    address_key character varying(230) NOT NULL,
    events bigint NOT NULL
);
CREATE TABLE public.demand_events (
    id uuid NOT NULL,
    type_code character varying(40) NOT NULL,
    agency_id uuid NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    uprn character varying(12),
    postcode character varying(8),
    address_line1 character varying(200),
    person_id uuid,
    source_reference character varying(100),
    classification character varying(64) NOT NULL,
    failure_type_code character varying(40),
    classified_by uuid,
    classified_at timestamp with time zone NOT NULL,
    attendance_code integer,
    recorded_by uuid,
    recorded_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid,
    address_key character varying(230),
    import_id uuid,
    locality_id uuid,
    team_id uuid
);
CREATE TABLE public.demand_import_payloads (
    import_id uuid NOT NULL,
    content bytea NOT NULL
);
CREATE TABLE public.demand_import_problems (
    id bigint NOT NULL,
    import_id uuid NOT NULL,
    line bigint NOT NULL,
    reason character varying(500) NOT NULL
);
ALTER TABLE public.demand_import_problems ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.demand_import_problems_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.demand_imports (
    id uuid NOT NULL,
    agency_id uuid NOT NULL,
    locality_id uuid,
    format character varying(64) NOT NULL,
    file_name character varying(200) NOT NULL,
    submitted_by uuid,
    submitted_by_key uuid,
    submitted_at timestamp with time zone NOT NULL,
    status character varying(64) NOT NULL,
    total_rows bigint NOT NULL,
    rows_done bigint NOT NULL,
    imported bigint NOT NULL,
    already_seen bigint NOT NULL,
    rejected bigint NOT NULL,
    linked bigint NOT NULL,
    offered bigint NOT NULL,
    message character varying(2000),
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.demand_match_offers (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    person_id uuid NOT NULL,
    why character varying(300) NOT NULL,
    offered_at timestamp with time zone NOT NULL,
    decision character varying(64),
    decided_by uuid,
    decided_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.demand_monthly_totals (
    month date NOT NULL,
    locality_id uuid,
    team_id uuid,
    agency_id uuid NOT NULL,
    type_code character varying(40) NOT NULL,
    classification character varying(64) NOT NULL,
    failure_type_code character varying(40),
    events bigint NOT NULL,
    appointments bigint NOT NULL,
    missed bigint NOT NULL
);
CREATE TABLE public.demand_reclassifications (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    "from" character varying(64) NOT NULL,
    from_failure_type_code character varying(40),
    "to" character varying(64) NOT NULL,
    to_failure_type_code character varying(40),
    reason character varying(1000) NOT NULL,
    by uuid,
    at timestamp with time zone NOT NULL
);
CREATE TABLE public.demand_types (
    code character varying(40) NOT NULL,
    name character varying(120) NOT NULL,
    records_attendance boolean NOT NULL,
    counts_towards_repeat_call_outs boolean NOT NULL,
    unit_cost_code character varying(20)
);
CREATE TABLE public.entry_restrictions (
    entry_id uuid NOT NULL,
    person_id uuid NOT NULL,
    roles text[] NOT NULL,
    user_ids uuid[] NOT NULL,
    reason character varying(1000) NOT NULL,
    lifted_at timestamp with time zone,
    lifted_by uuid,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.failure_types (
    code character varying(40) NOT NULL,
    name character varying(120) NOT NULL,
    example character varying(500)
);
CREATE TABLE public.idempotency_keys (
    sender character varying(64) NOT NULL,
    key character varying(200) NOT NULL,
    request character varying(100) NOT NULL,
    ordinal integer NOT NULL,
    fingerprint bytea NOT NULL,
    answer text,
    created_at timestamp with time zone NOT NULL
);
CREATE TABLE public.identity_role_claims (
    id integer NOT NULL,
    role_id uuid NOT NULL,
    claim_type text,
    claim_value text
);
ALTER TABLE public.identity_role_claims ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.identity_role_claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.identity_roles (
    id uuid NOT NULL,
    name character varying(256),
    normalized_name character varying(256),
    concurrency_stamp text
);
CREATE TABLE public.identity_user_claims (
    id integer NOT NULL,
    user_id uuid NOT NULL,
    claim_type text,
    claim_value text
);
ALTER TABLE public.identity_user_claims ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.identity_user_claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.identity_user_logins (
    login_provider text NOT NULL,
    provider_key text NOT NULL,
    provider_display_name text,
    user_id uuid NOT NULL
);
CREATE TABLE public.identity_user_roles (
    user_id uuid NOT NULL,
    role_id uuid NOT NULL
);
CREATE TABLE public.identity_user_tokens (
    user_id uuid NOT NULL,
    login_provider text NOT NULL,
    name text NOT NULL,
    value text
);
CREATE TABLE public.identity_users (
    id uuid NOT NULL,
    user_name character varying(256),
    normalized_user_name character varying(256),
    email character varying(256),
    normalized_email character varying(256),
    email_confirmed boolean NOT NULL,
    password_hash text,
    security_stamp text,
    concurrency_stamp text,
    phone_number text,
    phone_number_confirmed boolean NOT NULL,
    two_factor_enabled boolean NOT NULL,
    lockout_end timestamp with time zone,
    lockout_enabled boolean NOT NULL,
    access_failed_count integer NOT NULL
);
CREATE TABLE public.instrument_versions (
    id uuid NOT NULL,
    instrument_id uuid NOT NULL,
    number integer NOT NULL,
    definition jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    retired_at timestamp with time zone
);
CREATE TABLE public.instruments (
    id uuid NOT NULL,
    key character varying(80) NOT NULL,
    name character varying(120) NOT NULL,
    is_built_in boolean NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid,
    revisions integer DEFAULT 0 NOT NULL
);
CREATE TABLE public.lawful_bases (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    agency_id uuid NOT NULL,
    kind character varying(64) NOT NULL,
    sections integer[] NOT NULL,
    reason character varying(1000) NOT NULL,
    decided_by character varying(200) NOT NULL,
    starts_on date NOT NULL,
    ends_on date,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.localities (
    id uuid NOT NULL,
    name character varying(120) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.partner_api_keys (
    id uuid NOT NULL,
    agency_id uuid NOT NULL,
    name character varying(120) NOT NULL,
    prefix character varying(16) NOT NULL,
    secret_hash character varying(64) NOT NULL,
    revoked_at timestamp with time zone,
    revoked_by uuid,
    last_used_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.people (
    id uuid NOT NULL,
    given_name character varying(100) NOT NULL,
    family_name character varying(100) NOT NULL,
    preferred_name character varying(100),
    date_of_birth date,
    approximate_age integer,
    approximate_age_recorded_on date,
    nhs_number character(10),
    address_line1 character varying(200),
    address_line2 character varying(200),
    town character varying(200),
    postcode character varying(8),
    uprn character varying(12),
    phone character varying(40),
    email character varying(256),
    communication_needs character varying(4000),
    safety_notes character varying(4000),
    what_matters_to_me character varying(4000),
    merged_into_id uuid,
    name_full character varying(201) GENERATED ALWAYS AS (lower((((given_name)::text || ' '::text) || (family_name)::text))) STORED,
    name_known_as character varying(201) GENERATED ALWAYS AS (lower((((COALESCE(preferred_name, given_name))::text || ' '::text) || (family_name)::text))) STORED,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.person_merges (
    id uuid NOT NULL,
    survivor_id uuid NOT NULL,
    merged_id uuid NOT NULL,
    reason character varying(1000) NOT NULL,
    merged_by uuid,
    merged_at timestamp with time zone NOT NULL,
    entries_moved integer NOT NULL
);
CREATE TABLE public.plan_versions (
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    person_id uuid NOT NULL,
    number integer NOT NULL,
    content jsonb NOT NULL,
    summary character varying(1000) NOT NULL,
    changed_by uuid,
    changed_at timestamp with time zone NOT NULL
);
CREATE TABLE public.plans (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    started_on date NOT NULL,
    content jsonb NOT NULL,
    number integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.price_indices (
    year character varying(7) NOT NULL,
    value numeric(12,4) NOT NULL,
    source character varying(300) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.ratings (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    instrument_id uuid NOT NULL,
    instrument_version_id uuid NOT NULL,
    rated_on date NOT NULL,
    person_took_part boolean NOT NULL,
    items jsonb NOT NULL,
    total integer NOT NULL,
    rated_by uuid,
    rated_by_agency uuid,
    recorded_at timestamp with time zone NOT NULL
);
CREATE TABLE public.ratings_due (
    person_id uuid NOT NULL,
    instrument_id uuid NOT NULL,
    due_on date NOT NULL,
    marked_at timestamp with time zone NOT NULL
);
CREATE TABLE public.service_costs (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    "from" date NOT NULL,
    "to" date NOT NULL,
    amount numeric(14,2) NOT NULL,
    price_year character varying(7) NOT NULL,
    note character varying(500),
    entered_by uuid,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.sharing_agreement_versions (
    id uuid NOT NULL,
    agreement_id uuid NOT NULL,
    number integer NOT NULL,
    sections integer[] NOT NULL,
    may_contribute boolean NOT NULL,
    starts_on date NOT NULL,
    ends_on date,
    note character varying(1000),
    made_by uuid,
    made_at timestamp with time zone NOT NULL
);
CREATE TABLE public.sharing_agreements (
    id uuid NOT NULL,
    agency_id uuid NOT NULL,
    sections integer[] NOT NULL,
    may_contribute boolean NOT NULL,
    starts_on date NOT NULL,
    ends_on date,
    number integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.sign_in_failures (
    account character varying(64) NOT NULL,
    client_address character varying(64) NOT NULL,
    failures integer NOT NULL,
    last_failed_at timestamp with time zone NOT NULL,
    not_before timestamp with time zone NOT NULL
);
CREATE TABLE public.staff_members (
    id uuid NOT NULL,
    display_name character varying(120) NOT NULL,
    email character varying(256) NOT NULL,
    team_id uuid NOT NULL,
    is_active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.strengths (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    kind character varying(64) NOT NULL,
    text character varying(1000) NOT NULL,
    noticed_by character varying(200) NOT NULL,
    recorded_by uuid,
    recorded_at timestamp with time zone NOT NULL,
    set_aside_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.teams (
    id uuid NOT NULL,
    name character varying(160) NOT NULL,
    agency_id uuid NOT NULL,
    locality_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
CREATE TABLE public.timeline_amendments (
    id uuid NOT NULL,
    entry_id uuid NOT NULL,
    sequence integer NOT NULL,
    reason character varying(500) NOT NULL,
    corrected_text character varying(10000) NOT NULL,
    author_id uuid,
    author_agency_id uuid,
    recorded_at timestamp with time zone NOT NULL
);
CREATE TABLE public.timeline_entries (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    person_id uuid NOT NULL,
    kind character varying(64) NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    author_id uuid,
    author_agency_id uuid,
    text character varying(10000),
    method character varying(64),
    outcome character varying(64),
    location character varying(500),
    who_was_there character varying(500),
    other_agency_id uuid,
    to_service character varying(500),
    lead_keeps_conversation boolean,
    subject_worker_id uuid,
    new_state character varying(64),
    check_back_on date,
    sequence bigint NOT NULL
);
ALTER TABLE public.timeline_entries ALTER COLUMN sequence ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.timeline_entries_sequence_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.unit_costs (
    code character varying(20) NOT NULL,
    category character varying(100),
    detail character varying(200),
    description character varying(500) NOT NULL,
    unit character varying(100) NOT NULL,
    cost numeric(14,2) NOT NULL,
    agency character varying(100) NOT NULL,
    agency_detail character varying(100),
    price_year character varying(7) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid,
    updated_at timestamp with time zone,
    updated_by uuid
);
ALTER TABLE ONLY public.conversation_members
    ADD CONSTRAINT conversation_members_one_current_lead EXCLUDE USING btree (conversation_id WITH =) WHERE ((((role)::text = 'Lead'::text) AND (left_at IS NULL))) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY public.__ef_migrations_history
    ADD CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id);
ALTER TABLE ONLY public.agencies
    ADD CONSTRAINT pk_agencies PRIMARY KEY (id);
ALTER TABLE ONLY public.audit_records
    ADD CONSTRAINT pk_audit_records PRIMARY KEY (id);
ALTER TABLE ONLY public.break_glass_grants
    ADD CONSTRAINT pk_break_glass_grants PRIMARY KEY (id);
ALTER TABLE ONLY public.community_groups
    ADD CONSTRAINT pk_community_groups PRIMARY KEY (id);
ALTER TABLE ONLY public.connections
    ADD CONSTRAINT pk_connections PRIMARY KEY (id);
ALTER TABLE ONLY public.consent_records
    ADD CONSTRAINT pk_consent_records PRIMARY KEY (id);
ALTER TABLE ONLY public.conversation_members
    ADD CONSTRAINT pk_conversation_members PRIMARY KEY (id);
ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT pk_conversations PRIMARY KEY (id);
ALTER TABLE ONLY public.cost_settings
    ADD CONSTRAINT pk_cost_settings PRIMARY KEY (id);
ALTER TABLE ONLY public.data_protection_keys
    ADD CONSTRAINT pk_data_protection_keys PRIMARY KEY (id);
ALTER TABLE ONLY public.demand_address_totals
    ADD CONSTRAINT pk_demand_address_totals PRIMARY KEY (locality_id, address_key);
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT pk_demand_events PRIMARY KEY (id);
ALTER TABLE ONLY public.demand_import_payloads
    ADD CONSTRAINT pk_demand_import_payloads PRIMARY KEY (import_id);
ALTER TABLE ONLY public.demand_import_problems
    ADD CONSTRAINT pk_demand_import_problems PRIMARY KEY (id);
ALTER TABLE ONLY public.demand_imports
    ADD CONSTRAINT pk_demand_imports PRIMARY KEY (id);
ALTER TABLE ONLY public.demand_match_offers
    ADD CONSTRAINT pk_demand_match_offers PRIMARY KEY (id);
ALTER TABLE ONLY public.demand_reclassifications
    ADD CONSTRAINT pk_demand_reclassifications PRIMARY KEY (id);
ALTER TABLE ONLY public.demand_types
    ADD CONSTRAINT pk_demand_types PRIMARY KEY (code);
ALTER TABLE ONLY public.entry_restrictions
    ADD CONSTRAINT pk_entry_restrictions PRIMARY KEY (entry_id);
ALTER TABLE ONLY public.failure_types
    ADD CONSTRAINT pk_failure_types PRIMARY KEY (code);
ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT pk_idempotency_keys PRIMARY KEY (sender, key, request, ordinal);
ALTER TABLE ONLY public.identity_role_claims
    ADD CONSTRAINT pk_identity_role_claims PRIMARY KEY (id);
ALTER TABLE ONLY public.identity_roles
    ADD CONSTRAINT pk_identity_roles PRIMARY KEY (id);
ALTER TABLE ONLY public.identity_user_claims
    ADD CONSTRAINT pk_identity_user_claims PRIMARY KEY (id);
ALTER TABLE ONLY public.identity_user_logins
    ADD CONSTRAINT pk_identity_user_logins PRIMARY KEY (login_provider, provider_key);
ALTER TABLE ONLY public.identity_user_roles
    ADD CONSTRAINT pk_identity_user_roles PRIMARY KEY (user_id, role_id);
ALTER TABLE ONLY public.identity_user_tokens
    ADD CONSTRAINT pk_identity_user_tokens PRIMARY KEY (user_id, login_provider, name);
ALTER TABLE ONLY public.identity_users
    ADD CONSTRAINT pk_identity_users PRIMARY KEY (id);
ALTER TABLE ONLY public.instrument_versions
    ADD CONSTRAINT pk_instrument_versions PRIMARY KEY (id);
ALTER TABLE ONLY public.instruments
    ADD CONSTRAINT pk_instruments PRIMARY KEY (id);
ALTER TABLE ONLY public.lawful_bases
    ADD CONSTRAINT pk_lawful_bases PRIMARY KEY (id);
ALTER TABLE ONLY public.localities
    ADD CONSTRAINT pk_localities PRIMARY KEY (id);
ALTER TABLE ONLY public.partner_api_keys
    ADD CONSTRAINT pk_partner_api_keys PRIMARY KEY (id);
ALTER TABLE ONLY public.people
    ADD CONSTRAINT pk_people PRIMARY KEY (id);
ALTER TABLE ONLY public.person_merges
    ADD CONSTRAINT pk_person_merges PRIMARY KEY (id);
ALTER TABLE ONLY public.plan_versions
    ADD CONSTRAINT pk_plan_versions PRIMARY KEY (id);
ALTER TABLE ONLY public.plans
    ADD CONSTRAINT pk_plans PRIMARY KEY (id);
ALTER TABLE ONLY public.price_indices
    ADD CONSTRAINT pk_price_indices PRIMARY KEY (year);
ALTER TABLE ONLY public.ratings
    ADD CONSTRAINT pk_ratings PRIMARY KEY (id);
ALTER TABLE ONLY public.ratings_due
    ADD CONSTRAINT pk_ratings_due PRIMARY KEY (person_id, instrument_id);
ALTER TABLE ONLY public.service_costs
    ADD CONSTRAINT pk_service_costs PRIMARY KEY (id);
ALTER TABLE ONLY public.sharing_agreement_versions
    ADD CONSTRAINT pk_sharing_agreement_versions PRIMARY KEY (id);
ALTER TABLE ONLY public.sharing_agreements
    ADD CONSTRAINT pk_sharing_agreements PRIMARY KEY (id);
ALTER TABLE ONLY public.sign_in_failures
    ADD CONSTRAINT pk_sign_in_failures PRIMARY KEY (account, client_address);
ALTER TABLE ONLY public.staff_members
    ADD CONSTRAINT pk_staff_members PRIMARY KEY (id);
ALTER TABLE ONLY public.strengths
    ADD CONSTRAINT pk_strengths PRIMARY KEY (id);
ALTER TABLE ONLY public.teams
    ADD CONSTRAINT pk_teams PRIMARY KEY (id);
ALTER TABLE ONLY public.timeline_amendments
    ADD CONSTRAINT pk_timeline_amendments PRIMARY KEY (id);
ALTER TABLE ONLY public.timeline_entries
    ADD CONSTRAINT pk_timeline_entries PRIMARY KEY (id);
ALTER TABLE ONLY public.unit_costs
    ADD CONSTRAINT pk_unit_costs PRIMARY KEY (code);
ALTER TABLE ONLY public.demand_address_months
    ADD CONSTRAINT uq_demand_address_months UNIQUE NULLS NOT DISTINCT (month, locality_id, team_id, address_key);
ALTER TABLE ONLY public.demand_monthly_totals
    ADD CONSTRAINT uq_demand_monthly_totals UNIQUE NULLS NOT DISTINCT (month, locality_id, team_id, agency_id, type_code, classification, failure_type_code);
CREATE INDEX "EmailIndex" ON public.identity_users USING btree (normalized_email);
CREATE UNIQUE INDEX "RoleNameIndex" ON public.identity_roles USING btree (normalized_name);
CREATE UNIQUE INDEX "UserNameIndex" ON public.identity_users USING btree (normalized_user_name);
CREATE UNIQUE INDEX ix_agencies_name ON public.agencies USING btree (name);
CREATE INDEX ix_audit_records_at ON public.audit_records USING btree (at);
CREATE INDEX ix_audit_records_person_id_at ON public.audit_records USING btree (person_id, at);
CREATE INDEX ix_audit_records_user_id_at ON public.audit_records USING btree (user_id, at);
CREATE INDEX ix_break_glass_grants_person_id_worker_id_expires_at ON public.break_glass_grants USING btree (person_id, worker_id, expires_at);
CREATE INDEX ix_break_glass_grants_reviewed_at ON public.break_glass_grants USING btree (reviewed_at) WHERE (reviewed_at IS NULL);
CREATE INDEX ix_break_glass_grants_worker_id ON public.break_glass_grants USING btree (worker_id);
CREATE INDEX ix_community_groups_locality_id_name ON public.community_groups USING btree (locality_id, name);
CREATE INDEX ix_connections_group_id ON public.connections USING btree (group_id);
CREATE INDEX ix_connections_person_id ON public.connections USING btree (person_id);
CREATE INDEX ix_consent_records_person_id_recorded_at ON public.consent_records USING btree (person_id, recorded_at);
CREATE INDEX ix_conversation_members_agency_id ON public.conversation_members USING btree (agency_id);
CREATE INDEX ix_conversation_members_conversation_id ON public.conversation_members USING btree (conversation_id);
CREATE INDEX ix_conversation_members_worker_id ON public.conversation_members USING btree (worker_id) WHERE (left_at IS NULL);
CREATE INDEX ix_conversations_hand_off_count ON public.conversations USING btree (hand_off_count) WHERE (hand_off_count > 0);
CREATE INDEX ix_conversations_last_successful_contact_at ON public.conversations USING btree (last_successful_contact_at);
CREATE INDEX ix_conversations_lead_worker_id_last_successful_contact_at ON public.conversations USING btree (lead_worker_id, last_successful_contact_at);
CREATE UNIQUE INDEX ix_conversations_person_id ON public.conversations USING btree (person_id);
CREATE INDEX ix_conversations_resting_until ON public.conversations USING btree (resting_until) WHERE (resting_until IS NOT NULL);
CREATE INDEX ix_demand_address_months_locality_address ON public.demand_address_months USING btree (locality_id, address_key, month) INCLUDE (events);
CREATE INDEX ix_demand_address_months_locality_month ON public.demand_address_months USING btree (locality_id, month);
CREATE INDEX ix_demand_address_months_team_month ON public.demand_address_months USING btree (team_id, month) INCLUDE (address_key, events) WHERE (team_id IS NOT NULL);
CREATE INDEX ix_demand_address_totals_ranked ON public.demand_address_totals USING btree (locality_id, events DESC, address_key);
CREATE INDEX ix_demand_events_address_key_occurred_at ON public.demand_events USING btree (address_key, occurred_at) WHERE (address_key IS NOT NULL);
CREATE UNIQUE INDEX ix_demand_events_agency_id_source_reference ON public.demand_events USING btree (agency_id, source_reference) WHERE (source_reference IS NOT NULL);
CREATE INDEX ix_demand_events_occurred_at ON public.demand_events USING btree (occurred_at);
CREATE INDEX ix_demand_events_person_id_occurred_at ON public.demand_events USING btree (person_id, occurred_at) INCLUDE (classification, type_code, agency_id) WHERE (person_id IS NOT NULL);
CREATE INDEX ix_demand_import_problems_import_id_line ON public.demand_import_problems USING btree (import_id, line);
CREATE INDEX ix_demand_imports_agency_id_submitted_at ON public.demand_imports USING btree (agency_id, submitted_at);
CREATE INDEX ix_demand_imports_locality_id ON public.demand_imports USING btree (locality_id);
CREATE UNIQUE INDEX ix_demand_match_offers_event_id_person_id ON public.demand_match_offers USING btree (event_id, person_id);
CREATE INDEX ix_demand_match_offers_person_id ON public.demand_match_offers USING btree (person_id) WHERE (decision IS NULL);
CREATE INDEX ix_demand_reclassifications_event_id_at ON public.demand_reclassifications USING btree (event_id, at);
CREATE INDEX ix_demand_types_unit_cost_code ON public.demand_types USING btree (unit_cost_code);
CREATE INDEX ix_entry_restrictions_person_id ON public.entry_restrictions USING btree (person_id);
CREATE INDEX ix_idempotency_keys_created_at ON public.idempotency_keys USING btree (created_at);
CREATE INDEX ix_identity_role_claims_role_id ON public.identity_role_claims USING btree (role_id);
CREATE INDEX ix_identity_user_claims_user_id ON public.identity_user_claims USING btree (user_id);
CREATE INDEX ix_identity_user_logins_user_id ON public.identity_user_logins USING btree (user_id);
CREATE INDEX ix_identity_user_roles_role_id ON public.identity_user_roles USING btree (role_id);
CREATE UNIQUE INDEX ix_instrument_versions_instrument_id_number ON public.instrument_versions USING btree (instrument_id, number);
CREATE UNIQUE INDEX ix_instruments_key ON public.instruments USING btree (key);
CREATE INDEX ix_lawful_bases_agency_id ON public.lawful_bases USING btree (agency_id);
CREATE INDEX ix_lawful_bases_person_id_agency_id ON public.lawful_bases USING btree (person_id, agency_id);
CREATE UNIQUE INDEX ix_localities_name ON public.localities USING btree (name);
CREATE INDEX ix_partner_api_keys_agency_id ON public.partner_api_keys USING btree (agency_id);
CREATE UNIQUE INDEX ix_partner_api_keys_prefix ON public.partner_api_keys USING btree (prefix);
CREATE INDEX ix_people_date_of_birth ON public.people USING btree (date_of_birth);
CREATE INDEX ix_people_merged_into_id ON public.people USING btree (merged_into_id);
CREATE INDEX ix_people_name_full ON public.people USING gin (name_full public.gin_trgm_ops);
CREATE INDEX ix_people_name_known_as ON public.people USING gin (name_known_as public.gin_trgm_ops);
CREATE UNIQUE INDEX ix_people_nhs_number ON public.people USING btree (nhs_number) WHERE ((nhs_number IS NOT NULL) AND (merged_into_id IS NULL));
CREATE INDEX ix_people_postcode ON public.people USING btree (postcode);
CREATE UNIQUE INDEX ix_person_merges_merged_id ON public.person_merges USING btree (merged_id);
CREATE INDEX ix_person_merges_survivor_id ON public.person_merges USING btree (survivor_id);
CREATE INDEX ix_plan_versions_person_id_changed_at ON public.plan_versions USING btree (person_id, changed_at);
CREATE UNIQUE INDEX ix_plan_versions_plan_id_number ON public.plan_versions USING btree (plan_id, number);
CREATE UNIQUE INDEX ix_plans_person_id ON public.plans USING btree (person_id);
CREATE INDEX ix_ratings_due_instrument_id ON public.ratings_due USING btree (instrument_id);
CREATE INDEX ix_ratings_instrument_id ON public.ratings USING btree (instrument_id);
CREATE INDEX ix_ratings_instrument_version_id ON public.ratings USING btree (instrument_version_id);
CREATE INDEX ix_ratings_person_id_instrument_id_rated_on ON public.ratings USING btree (person_id, instrument_id, rated_on);
CREATE INDEX ix_ratings_rated_by ON public.ratings USING btree (rated_by);
CREATE INDEX ix_service_costs_team_id_from ON public.service_costs USING btree (team_id, "from");
CREATE UNIQUE INDEX ix_sharing_agreement_versions_agreement_id_number ON public.sharing_agreement_versions USING btree (agreement_id, number);
CREATE UNIQUE INDEX ix_sharing_agreements_agency_id ON public.sharing_agreements USING btree (agency_id);
CREATE INDEX ix_sign_in_failures_last_failed_at ON public.sign_in_failures USING btree (last_failed_at);
CREATE UNIQUE INDEX ix_staff_members_email ON public.staff_members USING btree (email);
CREATE INDEX ix_staff_members_team_id ON public.staff_members USING btree (team_id);
CREATE INDEX ix_strengths_person_id ON public.strengths USING btree (person_id);
CREATE UNIQUE INDEX ix_teams_agency_id_locality_id_name ON public.teams USING btree (agency_id, locality_id, name);
CREATE INDEX ix_teams_locality_id ON public.teams USING btree (locality_id);
CREATE UNIQUE INDEX ix_timeline_amendments_entry_id_sequence ON public.timeline_amendments USING btree (entry_id, sequence);
CREATE INDEX ix_timeline_entries_conversation_id ON public.timeline_entries USING btree (conversation_id);
CREATE INDEX ix_timeline_entries_person_id_occurred_at_sequence ON public.timeline_entries USING btree (person_id, occurred_at DESC, sequence DESC);
CREATE TRIGGER audit_records_append_only BEFORE DELETE OR UPDATE ON public.audit_records FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON public.audit_records FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER consent_records_append_only BEFORE DELETE OR UPDATE ON public.consent_records FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change('may-move-to-survivor');
CREATE TRIGGER demand_import_problems_append_only BEFORE DELETE OR UPDATE ON public.demand_import_problems FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER demand_import_problems_no_truncate BEFORE TRUNCATE ON public.demand_import_problems FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER demand_reclassifications_append_only BEFORE DELETE OR UPDATE ON public.demand_reclassifications FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER demand_reclassifications_no_truncate BEFORE TRUNCATE ON public.demand_reclassifications FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER demand_totals_delete AFTER DELETE ON public.demand_events REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION public.locality_demand_totals();
CREATE TRIGGER demand_totals_insert AFTER INSERT ON public.demand_events REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.locality_demand_totals();
CREATE TRIGGER demand_totals_update AFTER UPDATE ON public.demand_events REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.locality_demand_totals();
CREATE TRIGGER instrument_versions_keep_rated BEFORE DELETE OR UPDATE ON public.instrument_versions FOR EACH ROW EXECUTE FUNCTION public.locality_keep_rated_definitions();
CREATE TRIGGER person_merges_append_only BEFORE DELETE OR UPDATE ON public.person_merges FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER plan_versions_append_only BEFORE DELETE OR UPDATE ON public.plan_versions FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change('may-move-to-survivor');
CREATE TRIGGER plan_versions_no_truncate BEFORE TRUNCATE ON public.plan_versions FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER ratings_append_only BEFORE DELETE OR UPDATE ON public.ratings FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change('may-move-to-survivor');
CREATE TRIGGER ratings_no_truncate BEFORE TRUNCATE ON public.ratings FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER sharing_agreement_versions_append_only BEFORE DELETE OR UPDATE ON public.sharing_agreement_versions FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER timeline_amendments_append_only BEFORE DELETE OR UPDATE ON public.timeline_amendments FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER timeline_amendments_no_truncate BEFORE TRUNCATE ON public.timeline_amendments FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
CREATE TRIGGER timeline_entries_append_only BEFORE DELETE OR UPDATE ON public.timeline_entries FOR EACH ROW EXECUTE FUNCTION public.locality_refuse_change('may-move-to-survivor');
CREATE TRIGGER timeline_entries_no_truncate BEFORE TRUNCATE ON public.timeline_entries FOR EACH STATEMENT EXECUTE FUNCTION public.locality_refuse_change();
ALTER TABLE ONLY public.break_glass_grants
    ADD CONSTRAINT fk_break_glass_grants_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.break_glass_grants
    ADD CONSTRAINT fk_break_glass_grants_staff_members_worker_id FOREIGN KEY (worker_id) REFERENCES public.staff_members(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.community_groups
    ADD CONSTRAINT fk_community_groups_localities_locality_id FOREIGN KEY (locality_id) REFERENCES public.localities(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.connections
    ADD CONSTRAINT fk_connections_community_groups_group_id FOREIGN KEY (group_id) REFERENCES public.community_groups(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.connections
    ADD CONSTRAINT fk_connections_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.consent_records
    ADD CONSTRAINT fk_consent_records_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.conversation_members
    ADD CONSTRAINT fk_conversation_members_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.conversation_members
    ADD CONSTRAINT fk_conversation_members_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES public.conversations(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.conversation_members
    ADD CONSTRAINT fk_conversation_members_staff_members_worker_id FOREIGN KEY (worker_id) REFERENCES public.staff_members(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT fk_conversations_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT fk_conversations_staff_members_lead_worker_id FOREIGN KEY (lead_worker_id) REFERENCES public.staff_members(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_demand_imports_import_id FOREIGN KEY (import_id) REFERENCES public.demand_imports(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_demand_types_type_code FOREIGN KEY (type_code) REFERENCES public.demand_types(code) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_failure_types_failure_type_code FOREIGN KEY (failure_type_code) REFERENCES public.failure_types(code) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_localities_locality_id FOREIGN KEY (locality_id) REFERENCES public.localities(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_events
    ADD CONSTRAINT fk_demand_events_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_import_payloads
    ADD CONSTRAINT fk_demand_import_payloads_demand_imports_import_id FOREIGN KEY (import_id) REFERENCES public.demand_imports(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.demand_import_problems
    ADD CONSTRAINT fk_demand_import_problems_demand_imports_import_id FOREIGN KEY (import_id) REFERENCES public.demand_imports(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_imports
    ADD CONSTRAINT fk_demand_imports_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_imports
    ADD CONSTRAINT fk_demand_imports_localities_locality_id FOREIGN KEY (locality_id) REFERENCES public.localities(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_match_offers
    ADD CONSTRAINT fk_demand_match_offers_demand_events_event_id FOREIGN KEY (event_id) REFERENCES public.demand_events(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_match_offers
    ADD CONSTRAINT fk_demand_match_offers_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_reclassifications
    ADD CONSTRAINT fk_demand_reclassifications_demand_events_event_id FOREIGN KEY (event_id) REFERENCES public.demand_events(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.demand_types
    ADD CONSTRAINT fk_demand_types_unit_costs_unit_cost_code FOREIGN KEY (unit_cost_code) REFERENCES public.unit_costs(code) ON DELETE RESTRICT;
ALTER TABLE ONLY public.entry_restrictions
    ADD CONSTRAINT fk_entry_restrictions_timeline_entries_entry_id FOREIGN KEY (entry_id) REFERENCES public.timeline_entries(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.identity_role_claims
    ADD CONSTRAINT fk_identity_role_claims_identity_roles_role_id FOREIGN KEY (role_id) REFERENCES public.identity_roles(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.identity_user_claims
    ADD CONSTRAINT fk_identity_user_claims_identity_users_user_id FOREIGN KEY (user_id) REFERENCES public.identity_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.identity_user_logins
    ADD CONSTRAINT fk_identity_user_logins_identity_users_user_id FOREIGN KEY (user_id) REFERENCES public.identity_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.identity_user_roles
    ADD CONSTRAINT fk_identity_user_roles_identity_roles_role_id FOREIGN KEY (role_id) REFERENCES public.identity_roles(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.identity_user_roles
    ADD CONSTRAINT fk_identity_user_roles_identity_users_user_id FOREIGN KEY (user_id) REFERENCES public.identity_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.identity_user_tokens
    ADD CONSTRAINT fk_identity_user_tokens_identity_users_user_id FOREIGN KEY (user_id) REFERENCES public.identity_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.instrument_versions
    ADD CONSTRAINT fk_instrument_versions_instruments_instrument_id FOREIGN KEY (instrument_id) REFERENCES public.instruments(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.lawful_bases
    ADD CONSTRAINT fk_lawful_bases_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.lawful_bases
    ADD CONSTRAINT fk_lawful_bases_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.partner_api_keys
    ADD CONSTRAINT fk_partner_api_keys_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.plan_versions
    ADD CONSTRAINT fk_plan_versions_plans_plan_id FOREIGN KEY (plan_id) REFERENCES public.plans(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.plans
    ADD CONSTRAINT fk_plans_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.ratings_due
    ADD CONSTRAINT fk_ratings_due_instruments_instrument_id FOREIGN KEY (instrument_id) REFERENCES public.instruments(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.ratings_due
    ADD CONSTRAINT fk_ratings_due_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.ratings
    ADD CONSTRAINT fk_ratings_instrument_versions_instrument_version_id FOREIGN KEY (instrument_version_id) REFERENCES public.instrument_versions(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.ratings
    ADD CONSTRAINT fk_ratings_instruments_instrument_id FOREIGN KEY (instrument_id) REFERENCES public.instruments(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.ratings
    ADD CONSTRAINT fk_ratings_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.ratings
    ADD CONSTRAINT fk_ratings_staff_members_rated_by FOREIGN KEY (rated_by) REFERENCES public.staff_members(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.service_costs
    ADD CONSTRAINT fk_service_costs_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.sharing_agreement_versions
    ADD CONSTRAINT fk_sharing_agreement_versions_sharing_agreements_agreement_id FOREIGN KEY (agreement_id) REFERENCES public.sharing_agreements(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.sharing_agreements
    ADD CONSTRAINT fk_sharing_agreements_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.staff_members
    ADD CONSTRAINT fk_staff_members_teams_team_id FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.strengths
    ADD CONSTRAINT fk_strengths_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.teams
    ADD CONSTRAINT fk_teams_agencies_agency_id FOREIGN KEY (agency_id) REFERENCES public.agencies(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.teams
    ADD CONSTRAINT fk_teams_localities_locality_id FOREIGN KEY (locality_id) REFERENCES public.localities(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.timeline_amendments
    ADD CONSTRAINT fk_timeline_amendments_timeline_entries_entry_id FOREIGN KEY (entry_id) REFERENCES public.timeline_entries(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.timeline_entries
    ADD CONSTRAINT fk_timeline_entries_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES public.conversations(id) ON DELETE RESTRICT;
ALTER TABLE ONLY public.timeline_entries
    ADD CONSTRAINT fk_timeline_entries_people_person_id FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE RESTRICT;
