-- Least privilege (docs/database.md): the account that runs these migrations owns the schema (DDL); the services
-- connect as login users that are members of one of two group roles created here, never as the owner.
--   aoi_persister  reads and writes the pipeline's rows (DML), nothing else;
--   aoi_reader     reads (the console, Grafana, ad-hoc SQL) and can never write.
-- Roles belong to the whole server, not to one database: they are created only when missing, and the rollback
-- takes back what this database granted but leaves the roles to the other databases that may use them.
-- Creating them needs CREATEROLE; where the migrator lacks it, a DBA creates the two NOLOGIN roles beforehand.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aoi_persister') THEN
        CREATE ROLE aoi_persister NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aoi_reader') THEN
        CREATE ROLE aoi_reader NOLOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO aoi_persister, aoi_reader', current_schema());
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON images, classes, regions TO aoi_persister;
GRANT SELECT ON images, classes, regions TO aoi_reader;

-- Tables that later migrations create (partitions, rollups, ...) are readable by the reader without a grant of
-- their own; what the persister may write is granted table by table where the table is created.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO aoi_reader;
