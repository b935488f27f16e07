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
-- Every condition of a grant holds for the record: its attribute (a string, or an array matching
-- on any element) has one of the accepted values. An attribute the record does not have, or a
-- null value, holds for no condition (as `conditionsHold` in src/policy/decision.ts).
CREATE FUNCTION interlock_conditions_hold(conditions jsonb, attributes jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT NOT EXISTS (
    SELECT FROM jsonb_each(coalesce(conditions, '{}'::jsonb)) AS c(attribute, accepted)
    WHERE NOT coalesce(CASE jsonb_typeof(attributes -> c.attribute)
      WHEN 'array' THEN EXISTS (SELECT FROM jsonb_array_elements_text(attributes -> c.attribute) AS v(value) WHERE c.accepted ? v.value)
      WHEN 'string' THEN c.accepted ? (attributes ->> c.attribute)
      ELSE false
    END, false)
  )
$$;
--> statement-breakpoint
-- A record of another owner is released by one of `grants` (grantCovers in src/policy/sql.ts):
-- from its owner, within the ceiling, never RED, releasable to the caller, conditions met.
CREATE FUNCTION interlock_granted(grants jsonb, agency text, owner text, mark marking, releasable text[], attributes jsonb)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT mark <> 'RED'::marking
    AND (releasable IS NULL OR agency = ANY (releasable))
    AND EXISTS (
      SELECT FROM jsonb_array_elements(grants) AS g
      WHERE g ->> 'grantor' = owner
        AND mark <= (g ->> 'ceiling')::marking
        AND interlock_conditions_hold(g -> 'conditions', attributes)
    )
$$;
--> statement-breakpoint
-- Per table: reads by the rule above; inserts, updates and deletes of the caller's own rows only
-- (and of rows naming it as a participant, which it works on). An update's USING is the read rule
-- because SELECT ... FOR UPDATE applies it: a partner may lock what it sees (the service then
-- answers FORBIDDEN), and WITH CHECK refuses any row it would write that is not its own.
ALTER TABLE "designations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "designations_visible" ON "designations" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('Designation'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('Designation')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('status', status, 'subjectType', subject_type, 'program', programs)))
);--> statement-breakpoint
CREATE POLICY "designations_insert_own" ON "designations" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "designations_update_own" ON "designations" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('Designation'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('Designation')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('status', status, 'subjectType', subject_type, 'program', programs)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "designations_delete_own" ON "designations" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "control_list_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "control_list_entries_visible" ON "control_list_entries" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ControlListEntry'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('ControlListEntry')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('status', status)))
);--> statement-breakpoint
CREATE POLICY "control_list_entries_insert_own" ON "control_list_entries" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "control_list_entries_update_own" ON "control_list_entries" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ControlListEntry'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('ControlListEntry')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('status', status)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "control_list_entries_delete_own" ON "control_list_entries" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "threat_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "threat_entries_visible" ON "threat_entries" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ThreatEntry'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('ThreatEntry')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('status', status, 'kind', kind)))
);--> statement-breakpoint
CREATE POLICY "threat_entries_insert_own" ON "threat_entries" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "threat_entries_update_own" ON "threat_entries" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ThreatEntry'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('ThreatEntry')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('status', status, 'kind', kind)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "threat_entries_delete_own" ON "threat_entries" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "screening_adjudications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "screening_adjudications_visible" ON "screening_adjudications" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ScreeningAdjudication'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('ScreeningAdjudication')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('disposition', disposition)))
);--> statement-breakpoint
CREATE POLICY "screening_adjudications_insert_own" ON "screening_adjudications" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "screening_adjudications_update_own" ON "screening_adjudications" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('ScreeningAdjudication'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('ScreeningAdjudication')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('disposition', disposition)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "screening_adjudications_delete_own" ON "screening_adjudications" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "license_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "license_applications_visible" ON "license_applications" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('LicenseApplication'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('LicenseApplication')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('state', state, 'destinationCountry', destination_country)))
);--> statement-breakpoint
CREATE POLICY "license_applications_insert_own" ON "license_applications" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "license_applications_update_own" ON "license_applications" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('LicenseApplication'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('LicenseApplication')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('state', state, 'destinationCountry', destination_country)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "license_applications_delete_own" ON "license_applications" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "denial_notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "denial_notifications_visible" ON "denial_notifications" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('DenialNotification'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('DenialNotification')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('reasonCategory', reason_category)))
);--> statement-breakpoint
CREATE POLICY "denial_notifications_insert_own" ON "denial_notifications" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "denial_notifications_update_own" ON "denial_notifications" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('DenialNotification'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('DenialNotification')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('reasonCategory', reason_category)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "denial_notifications_delete_own" ON "denial_notifications" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "end_use_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "end_use_checks_visible" ON "end_use_checks" FOR SELECT TO interlock_app USING (
  (owner_agency_id = (SELECT interlock_caller_agency()) OR (SELECT interlock_caller_agency()) = ANY (participants))
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('EndUseCheck'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('EndUseCheck')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('kind', kind, 'outcome', outcome)))
);--> statement-breakpoint
CREATE POLICY "end_use_checks_insert_own" ON "end_use_checks" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "end_use_checks_update_own" ON "end_use_checks" FOR UPDATE TO interlock_app USING (
  (owner_agency_id = (SELECT interlock_caller_agency()) OR (SELECT interlock_caller_agency()) = ANY (participants))
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('EndUseCheck'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('EndUseCheck')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('kind', kind, 'outcome', outcome)))
) WITH CHECK ((owner_agency_id = (SELECT interlock_caller_agency()) OR (SELECT interlock_caller_agency()) = ANY (participants)));--> statement-breakpoint
CREATE POLICY "end_use_checks_delete_own" ON "end_use_checks" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
ALTER TABLE "unverified_parties" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "unverified_parties_visible" ON "unverified_parties" FOR SELECT TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('UnverifiedParty'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('UnverifiedParty')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('outcome', outcome)))
);--> statement-breakpoint
CREATE POLICY "unverified_parties_insert_own" ON "unverified_parties" FOR INSERT TO interlock_app WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "unverified_parties_update_own" ON "unverified_parties" FOR UPDATE TO interlock_app USING (
  owner_agency_id = (SELECT interlock_caller_agency())
  OR (owner_agency_id = ANY ((SELECT interlock_grantors('UnverifiedParty'))::text[])
      AND interlock_granted((SELECT interlock_caller_grants('UnverifiedParty')), (SELECT interlock_caller_agency()),
        owner_agency_id, marking, releasable_to, jsonb_build_object('outcome', outcome)))
) WITH CHECK (owner_agency_id = (SELECT interlock_caller_agency()));--> statement-breakpoint
CREATE POLICY "unverified_parties_delete_own" ON "unverified_parties" FOR DELETE TO interlock_app USING (owner_agency_id = (SELECT interlock_caller_agency()));
--> statement-breakpoint
-- Denial consultations exist only for the two agencies they name (namedPartyRecords).
ALTER TABLE "denial_consultations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "denial_consultations_parties" ON "denial_consultations" TO interlock_app
  USING (consulting_agency_id = (SELECT interlock_caller_agency()) OR denying_agency_id = (SELECT interlock_caller_agency()))
  WITH CHECK (consulting_agency_id = (SELECT interlock_caller_agency()) OR denying_agency_id = (SELECT interlock_caller_agency()));
