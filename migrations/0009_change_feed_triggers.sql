-- The change feed is written by the database itself, in the transaction of every change to a
-- shareable record, so that no write path (the API, imports, seeding, sync, a hand-written
-- UPDATE) can forget it. Statement-level triggers with transition tables: a batch of 1,000
-- imported rows is one INSERT into the feed. An UPDATE that leaves the version as it was (a
-- re-keying of screening names, say) is not a change of the record.
CREATE FUNCTION change_feed_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (record_type, record_id, owner_agency_id, version)
  SELECT TG_ARGV[0], n.id, n.owner_agency_id, n.version FROM new_rows n ORDER BY n.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION change_feed_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (record_type, record_id, owner_agency_id, version)
  SELECT TG_ARGV[0], n.id, n.owner_agency_id, n.version
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.version IS DISTINCT FROM o.version
  ORDER BY n.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION change_feed_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (record_type, record_id, owner_agency_id, version, deleted)
  SELECT TG_ARGV[0], o.id, o.owner_agency_id, o.version + 1, true FROM old_rows o ORDER BY o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER designations_change_feed_insert AFTER INSERT ON designations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('Designation');
--> statement-breakpoint
CREATE TRIGGER designations_change_feed_update AFTER UPDATE ON designations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('Designation');
--> statement-breakpoint
CREATE TRIGGER designations_change_feed_delete AFTER DELETE ON designations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('Designation');
--> statement-breakpoint
CREATE TRIGGER threat_entries_change_feed_insert AFTER INSERT ON threat_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('ThreatEntry');
--> statement-breakpoint
CREATE TRIGGER threat_entries_change_feed_update AFTER UPDATE ON threat_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('ThreatEntry');
--> statement-breakpoint
CREATE TRIGGER threat_entries_change_feed_delete AFTER DELETE ON threat_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('ThreatEntry');
--> statement-breakpoint
CREATE TRIGGER control_list_entries_change_feed_insert AFTER INSERT ON control_list_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('ControlListEntry');
--> statement-breakpoint
CREATE TRIGGER control_list_entries_change_feed_update AFTER UPDATE ON control_list_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('ControlListEntry');
--> statement-breakpoint
CREATE TRIGGER control_list_entries_change_feed_delete AFTER DELETE ON control_list_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('ControlListEntry');
--> statement-breakpoint
CREATE TRIGGER screening_adjudications_change_feed_insert AFTER INSERT ON screening_adjudications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('ScreeningAdjudication');
--> statement-breakpoint
CREATE TRIGGER screening_adjudications_change_feed_update AFTER UPDATE ON screening_adjudications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('ScreeningAdjudication');
--> statement-breakpoint
CREATE TRIGGER screening_adjudications_change_feed_delete AFTER DELETE ON screening_adjudications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('ScreeningAdjudication');
--> statement-breakpoint
CREATE TRIGGER license_applications_change_feed_insert AFTER INSERT ON license_applications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('LicenseApplication');
--> statement-breakpoint
CREATE TRIGGER license_applications_change_feed_update AFTER UPDATE ON license_applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('LicenseApplication');
--> statement-breakpoint
CREATE TRIGGER license_applications_change_feed_delete AFTER DELETE ON license_applications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('LicenseApplication');
--> statement-breakpoint
CREATE TRIGGER denial_notifications_change_feed_insert AFTER INSERT ON denial_notifications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('DenialNotification');
--> statement-breakpoint
CREATE TRIGGER denial_notifications_change_feed_update AFTER UPDATE ON denial_notifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('DenialNotification');
--> statement-breakpoint
CREATE TRIGGER denial_notifications_change_feed_delete AFTER DELETE ON denial_notifications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('DenialNotification');
--> statement-breakpoint
CREATE TRIGGER end_use_checks_change_feed_insert AFTER INSERT ON end_use_checks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('EndUseCheck');
--> statement-breakpoint
CREATE TRIGGER end_use_checks_change_feed_update AFTER UPDATE ON end_use_checks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('EndUseCheck');
--> statement-breakpoint
CREATE TRIGGER end_use_checks_change_feed_delete AFTER DELETE ON end_use_checks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('EndUseCheck');
--> statement-breakpoint
CREATE TRIGGER unverified_parties_change_feed_insert AFTER INSERT ON unverified_parties REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_insert('UnverifiedParty');
--> statement-breakpoint
CREATE TRIGGER unverified_parties_change_feed_update AFTER UPDATE ON unverified_parties REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_update('UnverifiedParty');
--> statement-breakpoint
CREATE TRIGGER unverified_parties_change_feed_delete AFTER DELETE ON unverified_parties REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION change_feed_after_delete('UnverifiedParty');
--> statement-breakpoint
-- Records that exist already enter the feed once, at their current version, so that a
-- follower starting from the beginning receives everything.
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'Designation', id, owner_agency_id, version FROM designations ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'ThreatEntry', id, owner_agency_id, version FROM threat_entries ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'ControlListEntry', id, owner_agency_id, version FROM control_list_entries ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'ScreeningAdjudication', id, owner_agency_id, version FROM screening_adjudications ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'LicenseApplication', id, owner_agency_id, version FROM license_applications ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'DenialNotification', id, owner_agency_id, version FROM denial_notifications ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'EndUseCheck', id, owner_agency_id, version FROM end_use_checks ORDER BY change_seq;
--> statement-breakpoint
INSERT INTO change_feed (record_type, record_id, owner_agency_id, version) SELECT 'UnverifiedParty', id, owner_agency_id, version FROM unverified_parties ORDER BY change_seq;
