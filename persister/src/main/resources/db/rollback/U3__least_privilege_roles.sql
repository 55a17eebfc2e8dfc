-- Undoes V3 in this database: takes back its grants and default privileges. The roles stay, since roles belong
-- to the server and other databases on it may still grant them (DROP ROLE would fail there anyway).
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM aoi_reader;
REVOKE ALL ON images, classes, regions FROM aoi_persister, aoi_reader;
DO $$
BEGIN
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM aoi_persister, aoi_reader', current_schema());
END
$$;
