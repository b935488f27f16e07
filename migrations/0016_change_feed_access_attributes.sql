-- Each feed entry keeps what the access decision reads of the version it records (marking,
-- releasability, participants, and the attributes agreements may condition on; see
-- CATALOGUE[type].conditions), so that whether a caller could see a record can be decided as
-- of any position of the feed, under the agreements in force then (src/modules/changes). The
-- columns are named per table as trigger arguments after the record type.
CREATE FUNCTION change_feed_attributes(record jsonb, columns text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(c, record -> c), '{}'::jsonb) FROM unnest(columns) AS c
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION change_feed_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (record_type, record_id, owner_agency_id, version, attributes)
  SELECT TG_ARGV[0], n.id, n.owner_agency_id, n.version, change_feed_attributes(to_jsonb(n), TG_ARGV[1:TG_NARGS - 1])
  FROM new_rows n ORDER BY n.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION change_feed_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (record_type, record_id, owner_agency_id, version, attributes)
  SELECT TG_ARGV[0], n.id, n.owner_agency_id, n.version, change_feed_attributes(to_jsonb(n), TG_ARGV[1:TG_NARGS - 1])
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.version IS DISTINCT FROM o.version
  ORDER BY n.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION change_feed_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (record_type, record_id, owner_agency_id, version, deleted, attributes)
  SELECT TG_ARGV[0], o.id, o.owner_agency_id, o.version + 1, true, change_feed_attributes(to_jsonb(o), TG_ARGV[1:TG_NARGS - 1])
  FROM old_rows o ORDER BY o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER designations_change_feed_insert ON designations;
--> statement-breakpoint
CREATE TRIGGER designations_change_feed_insert AFTER INSERT ON designations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('Designation', 'marking', 'releasable_to', 'status', 'subject_type', 'programs');
--> statement-breakpoint
DROP TRIGGER designations_change_feed_update ON designations;
--> statement-breakpoint
CREATE TRIGGER designations_change_feed_update AFTER UPDATE ON designations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('Designation', 'marking', 'releasable_to', 'status', 'subject_type', 'programs');
--> statement-breakpoint
DROP TRIGGER designations_change_feed_delete ON designations;
--> statement-breakpoint
CREATE TRIGGER designations_change_feed_delete AFTER DELETE ON designations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('Designation', 'marking', 'releasable_to', 'status', 'subject_type', 'programs');
--> statement-breakpoint
DROP TRIGGER threat_entries_change_feed_insert ON threat_entries;
--> statement-breakpoint
CREATE TRIGGER threat_entries_change_feed_insert AFTER INSERT ON threat_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('ThreatEntry', 'marking', 'releasable_to', 'status', 'kind');
--> statement-breakpoint
DROP TRIGGER threat_entries_change_feed_update ON threat_entries;
--> statement-breakpoint
CREATE TRIGGER threat_entries_change_feed_update AFTER UPDATE ON threat_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('ThreatEntry', 'marking', 'releasable_to', 'status', 'kind');
--> statement-breakpoint
DROP TRIGGER threat_entries_change_feed_delete ON threat_entries;
--> statement-breakpoint
CREATE TRIGGER threat_entries_change_feed_delete AFTER DELETE ON threat_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('ThreatEntry', 'marking', 'releasable_to', 'status', 'kind');
--> statement-breakpoint
DROP TRIGGER control_list_entries_change_feed_insert ON control_list_entries;
--> statement-breakpoint
CREATE TRIGGER control_list_entries_change_feed_insert AFTER INSERT ON control_list_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('ControlListEntry', 'marking', 'releasable_to', 'status');
--> statement-breakpoint
DROP TRIGGER control_list_entries_change_feed_update ON control_list_entries;
--> statement-breakpoint
CREATE TRIGGER control_list_entries_change_feed_update AFTER UPDATE ON control_list_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('ControlListEntry', 'marking', 'releasable_to', 'status');
--> statement-breakpoint
DROP TRIGGER control_list_entries_change_feed_delete ON control_list_entries;
--> statement-breakpoint
CREATE TRIGGER control_list_entries_change_feed_delete AFTER DELETE ON control_list_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('ControlListEntry', 'marking', 'releasable_to', 'status');
--> statement-breakpoint
DROP TRIGGER screening_adjudications_change_feed_insert ON screening_adjudications;
--> statement-breakpoint
CREATE TRIGGER screening_adjudications_change_feed_insert AFTER INSERT ON screening_adjudications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('ScreeningAdjudication', 'marking', 'releasable_to', 'disposition');
--> statement-breakpoint
DROP TRIGGER screening_adjudications_change_feed_update ON screening_adjudications;
--> statement-breakpoint
CREATE TRIGGER screening_adjudications_change_feed_update AFTER UPDATE ON screening_adjudications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('ScreeningAdjudication', 'marking', 'releasable_to', 'disposition');
--> statement-breakpoint
DROP TRIGGER screening_adjudications_change_feed_delete ON screening_adjudications;
--> statement-breakpoint
CREATE TRIGGER screening_adjudications_change_feed_delete AFTER DELETE ON screening_adjudications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('ScreeningAdjudication', 'marking', 'releasable_to', 'disposition');
--> statement-breakpoint
DROP TRIGGER license_applications_change_feed_insert ON license_applications;
--> statement-breakpoint
CREATE TRIGGER license_applications_change_feed_insert AFTER INSERT ON license_applications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('LicenseApplication', 'marking', 'releasable_to', 'state', 'destination_country');
--> statement-breakpoint
DROP TRIGGER license_applications_change_feed_update ON license_applications;
--> statement-breakpoint
CREATE TRIGGER license_applications_change_feed_update AFTER UPDATE ON license_applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('LicenseApplication', 'marking', 'releasable_to', 'state', 'destination_country');
--> statement-breakpoint
DROP TRIGGER license_applications_change_feed_delete ON license_applications;
--> statement-breakpoint
CREATE TRIGGER license_applications_change_feed_delete AFTER DELETE ON license_applications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('LicenseApplication', 'marking', 'releasable_to', 'state', 'destination_country');
--> statement-breakpoint
DROP TRIGGER denial_notifications_change_feed_insert ON denial_notifications;
--> statement-breakpoint
CREATE TRIGGER denial_notifications_change_feed_insert AFTER INSERT ON denial_notifications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('DenialNotification', 'marking', 'releasable_to', 'reason_category');
--> statement-breakpoint
DROP TRIGGER denial_notifications_change_feed_update ON denial_notifications;
--> statement-breakpoint
CREATE TRIGGER denial_notifications_change_feed_update AFTER UPDATE ON denial_notifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('DenialNotification', 'marking', 'releasable_to', 'reason_category');
--> statement-breakpoint
DROP TRIGGER denial_notifications_change_feed_delete ON denial_notifications;
--> statement-breakpoint
CREATE TRIGGER denial_notifications_change_feed_delete AFTER DELETE ON denial_notifications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('DenialNotification', 'marking', 'releasable_to', 'reason_category');
--> statement-breakpoint
DROP TRIGGER end_use_checks_change_feed_insert ON end_use_checks;
--> statement-breakpoint
CREATE TRIGGER end_use_checks_change_feed_insert AFTER INSERT ON end_use_checks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('EndUseCheck', 'marking', 'releasable_to', 'participants', 'kind', 'outcome');
--> statement-breakpoint
DROP TRIGGER end_use_checks_change_feed_update ON end_use_checks;
--> statement-breakpoint
CREATE TRIGGER end_use_checks_change_feed_update AFTER UPDATE ON end_use_checks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('EndUseCheck', 'marking', 'releasable_to', 'participants', 'kind', 'outcome');
--> statement-breakpoint
DROP TRIGGER end_use_checks_change_feed_delete ON end_use_checks;
--> statement-breakpoint
CREATE TRIGGER end_use_checks_change_feed_delete AFTER DELETE ON end_use_checks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('EndUseCheck', 'marking', 'releasable_to', 'participants', 'kind', 'outcome');
--> statement-breakpoint
DROP TRIGGER unverified_parties_change_feed_insert ON unverified_parties;
--> statement-breakpoint
CREATE TRIGGER unverified_parties_change_feed_insert AFTER INSERT ON unverified_parties REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('UnverifiedParty', 'marking', 'releasable_to', 'outcome');
--> statement-breakpoint
DROP TRIGGER unverified_parties_change_feed_update ON unverified_parties;
--> statement-breakpoint
CREATE TRIGGER unverified_parties_change_feed_update AFTER UPDATE ON unverified_parties REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('UnverifiedParty', 'marking', 'releasable_to', 'outcome');
--> statement-breakpoint
DROP TRIGGER unverified_parties_change_feed_delete ON unverified_parties;
--> statement-breakpoint
CREATE TRIGGER unverified_parties_change_feed_delete AFTER DELETE ON unverified_parties REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('UnverifiedParty', 'marking', 'releasable_to', 'outcome');
--> statement-breakpoint
-- Entries written before this migration carry the attributes of the record as it is now: the
-- history of a record's marking and releasability before it is not known.
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'status', 'subject_type', 'programs'])
  FROM designations t WHERE f.record_type = 'Designation' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'status', 'kind'])
  FROM threat_entries t WHERE f.record_type = 'ThreatEntry' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'status'])
  FROM control_list_entries t WHERE f.record_type = 'ControlListEntry' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'disposition'])
  FROM screening_adjudications t WHERE f.record_type = 'ScreeningAdjudication' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'state', 'destination_country'])
  FROM license_applications t WHERE f.record_type = 'LicenseApplication' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'reason_category'])
  FROM denial_notifications t WHERE f.record_type = 'DenialNotification' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'participants', 'kind', 'outcome'])
  FROM end_use_checks t WHERE f.record_type = 'EndUseCheck' AND f.record_id = t.id AND f.attributes IS NULL;
--> statement-breakpoint
UPDATE change_feed f SET attributes = change_feed_attributes(to_jsonb(t), ARRAY['marking', 'releasable_to', 'outcome'])
  FROM unverified_parties t WHERE f.record_type = 'UnverifiedParty' AND f.record_id = t.id AND f.attributes IS NULL;
