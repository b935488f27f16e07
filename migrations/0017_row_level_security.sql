-- Row-level security: the second wall behind `visibleRecords` (src/policy/sql.ts). Requests run
-- as `interlock_app`, a role that neither owns these tables nor bypasses row security, with the
-- caller's agency and grants set for the transaction (src/policy/row-security.ts serialises the
-- AccessDecision; src/db/row-security.ts sets them with the role in one statement). The policies
-- below are the decision rule once more in SQL: the caller's own rows (and those naming it as a
-- participant), or rows of an owner that granted the type to it, within the grant's ceiling, not
-- RED, releasable to it, meeting the grant's conditions. A test compares them with visibleRecords
-- for random decisions (test/integration/row-security.test.ts). The owner role (migrations, the
-- CLI, importers, sync apply, the background watch) is not subject to them.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'interlock_app') THEN
    BEGIN
      CREATE ROLE interlock_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of this server created it at the same moment; roles are per server
    END;
  END IF;
END $$;
--> statement-breakpoint
-- The hub's login switches to it per transaction (SET ROLE needs membership unless superuser).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
    EXECUTE format('GRANT interlock_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO interlock_app;--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO interlock_app;--> statement-breakpoint
-- Tables of later migrations, created by the same owner, are the hub's to use as well.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO interlock_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO interlock_app;--> statement-breakpoint
-- The caller's agency for this transaction; NULL when none is set (then no row is its own).
CREATE FUNCTION interlock_caller_agency() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('interlock.agency', true), '')
$$;
--> statement-breakpoint
-- The grants other owners made to the caller for one record type: [{grantor, ceiling, conditions}].
CREATE FUNCTION interlock_caller_grants(record_type text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('interlock.grants', true), '')::jsonb -> record_type, '[]'::jsonb)
$$;
--> statement-breakpoint
-- The owners with a grant of the type to the caller: a cheap first test before the grants are read.
CREATE FUNCTION interlock_grantors(record_type text) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT g ->> 'grantor'), '{}') FROM jsonb_array_elements(interlock_caller_grants(record_type)) AS g
$$;
--> statement-breakpoint
-- Per table: reads by the rule above, written out per table (grantCovers in src/policy/sql.ts):
-- another owner's row is released by a grant from that owner, within its ceiling, never RED,
-- releasable to the caller, each condition met (an attribute the type does not have meets none,
-- as conditionsHold in src/policy/decision.ts). The grants are read once per statement (the
-- sub-selects are init plans); the test per row is operators only, no function call. Inserts,
-- updates and deletes of the caller's own rows only (and of rows naming it as a participant,
-- which it works on). An update's USING is the read rule
-- because SELECT ... FOR UPDATE applies it: a partner may lock what it sees (the service then
-- answers FORBIDDEN), and WITH CHECK refuses any row it would write that is not its own.
ALTER TABLE "designations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "designations_visible" ON "designations" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('Designation'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('Designation'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['status', 'subjectType', 'program'] = '{}'::jsonb
          AND (NOT g.conditions ? 'status' OR g.conditions -> 'status' ? status::text)
          AND (NOT g.conditions ? 'subjectType' OR g.conditions -> 'subjectType' ? subject_type::text)
          AND (NOT g.conditions ? 'program' OR g.conditions -> 'program' ?| programs)))
);--> statement-breakpoint
CREATE POLICY "designations_insert_own" ON "designations" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "designations_update_own" ON "designations" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('Designation'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('Designation'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['status', 'subjectType', 'program'] = '{}'::jsonb
          AND (NOT g.conditions ? 'status' OR g.conditions -> 'status' ? status::text)
          AND (NOT g.conditions ? 'subjectType' OR g.conditions -> 'subjectType' ? subject_type::text)
          AND (NOT g.conditions ? 'program' OR g.conditions -> 'program' ?| programs)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "designations_delete_own" ON "designations" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "control_list_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "control_list_entries_visible" ON "control_list_entries" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ControlListEntry'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('ControlListEntry'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['status'] = '{}'::jsonb
          AND (NOT g.conditions ? 'status' OR g.conditions -> 'status' ? status::text)))
);--> statement-breakpoint
CREATE POLICY "control_list_entries_insert_own" ON "control_list_entries" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "control_list_entries_update_own" ON "control_list_entries" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ControlListEntry'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('ControlListEntry'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['status'] = '{}'::jsonb
          AND (NOT g.conditions ? 'status' OR g.conditions -> 'status' ? status::text)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "control_list_entries_delete_own" ON "control_list_entries" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "threat_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "threat_entries_visible" ON "threat_entries" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ThreatEntry'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('ThreatEntry'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['status', 'kind'] = '{}'::jsonb
          AND (NOT g.conditions ? 'status' OR g.conditions -> 'status' ? status::text)
          AND (NOT g.conditions ? 'kind' OR g.conditions -> 'kind' ? kind::text)))
);--> statement-breakpoint
CREATE POLICY "threat_entries_insert_own" ON "threat_entries" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "threat_entries_update_own" ON "threat_entries" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ThreatEntry'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('ThreatEntry'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['status', 'kind'] = '{}'::jsonb
          AND (NOT g.conditions ? 'status' OR g.conditions -> 'status' ? status::text)
          AND (NOT g.conditions ? 'kind' OR g.conditions -> 'kind' ? kind::text)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "threat_entries_delete_own" ON "threat_entries" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "screening_adjudications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "screening_adjudications_visible" ON "screening_adjudications" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ScreeningAdjudication'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('ScreeningAdjudication'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['disposition'] = '{}'::jsonb
          AND (NOT g.conditions ? 'disposition' OR g.conditions -> 'disposition' ? disposition::text)))
);--> statement-breakpoint
CREATE POLICY "screening_adjudications_insert_own" ON "screening_adjudications" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "screening_adjudications_update_own" ON "screening_adjudications" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ScreeningAdjudication'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('ScreeningAdjudication'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['disposition'] = '{}'::jsonb
          AND (NOT g.conditions ? 'disposition' OR g.conditions -> 'disposition' ? disposition::text)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "screening_adjudications_delete_own" ON "screening_adjudications" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "license_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "license_applications_visible" ON "license_applications" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('LicenseApplication'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('LicenseApplication'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['state', 'destinationCountry'] = '{}'::jsonb
          AND (NOT g.conditions ? 'state' OR g.conditions -> 'state' ? state::text)
          AND (NOT g.conditions ? 'destinationCountry' OR g.conditions -> 'destinationCountry' ? destination_country::text)))
);--> statement-breakpoint
CREATE POLICY "license_applications_insert_own" ON "license_applications" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "license_applications_update_own" ON "license_applications" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('LicenseApplication'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('LicenseApplication'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['state', 'destinationCountry'] = '{}'::jsonb
          AND (NOT g.conditions ? 'state' OR g.conditions -> 'state' ? state::text)
          AND (NOT g.conditions ? 'destinationCountry' OR g.conditions -> 'destinationCountry' ? destination_country::text)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "license_applications_delete_own" ON "license_applications" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "denial_notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "denial_notifications_visible" ON "denial_notifications" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('DenialNotification'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('DenialNotification'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['reasonCategory'] = '{}'::jsonb
          AND (NOT g.conditions ? 'reasonCategory' OR g.conditions -> 'reasonCategory' ? reason_category::text)))
);--> statement-breakpoint
CREATE POLICY "denial_notifications_insert_own" ON "denial_notifications" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "denial_notifications_update_own" ON "denial_notifications" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('DenialNotification'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('DenialNotification'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['reasonCategory'] = '{}'::jsonb
          AND (NOT g.conditions ? 'reasonCategory' OR g.conditions -> 'reasonCategory' ? reason_category::text)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "denial_notifications_delete_own" ON "denial_notifications" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "end_use_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "end_use_checks_visible" ON "end_use_checks" FOR SELECT TO interlock_app USING (
  (owner_agency_id = (SELECT interlock_caller_agency()) OR (SELECT interlock_caller_agency()) = ANY (participants))
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('EndUseCheck'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('EndUseCheck'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['kind', 'outcome'] = '{}'::jsonb
          AND (NOT g.conditions ? 'kind' OR g.conditions -> 'kind' ? kind::text)
          AND (NOT g.conditions ? 'outcome' OR g.conditions -> 'outcome' ? outcome::text)))
);--> statement-breakpoint
CREATE POLICY "end_use_checks_insert_own" ON "end_use_checks" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "end_use_checks_update_own" ON "end_use_checks" FOR UPDATE TO interlock_app USING (
  (owner_agency_id = (SELECT interlock_caller_agency()) OR (SELECT interlock_caller_agency()) = ANY (participants))
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('EndUseCheck'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('EndUseCheck'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['kind', 'outcome'] = '{}'::jsonb
          AND (NOT g.conditions ? 'kind' OR g.conditions -> 'kind' ? kind::text)
          AND (NOT g.conditions ? 'outcome' OR g.conditions -> 'outcome' ? outcome::text)))
) WITH CHECK ((owner_agency_id = (SELECT interlock_caller_agency()) OR (SELECT interlock_caller_agency()) = ANY (participants)));--> statement-breakpoint
CREATE POLICY "end_use_checks_delete_own" ON "end_use_checks" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "unverified_parties" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "unverified_parties_visible" ON "unverified_parties" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('UnverifiedParty'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('UnverifiedParty'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['outcome'] = '{}'::jsonb
          AND (NOT g.conditions ? 'outcome' OR g.conditions -> 'outcome' ? outcome::text)))
);--> statement-breakpoint
CREATE POLICY "unverified_parties_insert_own" ON "unverified_parties" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "unverified_parties_update_own" ON "unverified_parties" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('UnverifiedParty'))::text[])
      AND marking <> 'RED'::marking
      AND (releasable_to IS NULL OR (SELECT interlock_caller_agency()) = ANY (releasable_to))
      AND EXISTS (
        SELECT FROM jsonb_to_recordset((SELECT interlock_caller_grants('UnverifiedParty'))) AS g(grantor text, ceiling marking, conditions jsonb)
        WHERE g.grantor = owner_agency_id AND marking <= g.ceiling
          AND g.conditions - ARRAY['outcome'] = '{}'::jsonb
          AND (NOT g.conditions ? 'outcome' OR g.conditions -> 'outcome' ? outcome::text)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "unverified_parties_delete_own" ON "unverified_parties" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));
--> statement-breakpoint
-- Denial consultations exist only for the two agencies they name (namedPartyRecords).
ALTER TABLE "denial_consultations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "denial_consultations_parties" ON "denial_consultations" TO interlock_app
  USING (consulting_agency_id = (SELECT interlock_caller_agency()) OR denying_agency_id = (SELECT interlock_caller_agency()))
  WITH CHECK (consulting_agency_id = (SELECT interlock_caller_agency()) OR denying_agency_id = (SELECT interlock_caller_agency()));
