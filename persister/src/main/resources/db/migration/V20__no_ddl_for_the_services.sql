-- Least privilege, second half (docs/security.md): only the migrator, which owns the schema, may create objects in
-- it. PostgreSQL before 15 lets every role CREATE in the public schema; take that from PUBLIC so that the services'
-- logins (members of aoi_persister and aoi_reader, ./aoi db users) can do no DDL at all. Tables stay the
-- migrator's: only their owner can ALTER, DROP or TRUNCATE them.
DO $$
BEGIN
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
END
$$;
