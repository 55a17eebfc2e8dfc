-- Undoes V20 by leaving the schema as closed as V20 made it: granting CREATE to PUBLIC again would open it to
-- every role of the server (PostgreSQL 15 and later never grant it by default). A DBA who wants the old
-- behaviour runs GRANT CREATE ON SCHEMA public TO PUBLIC by hand.
SELECT 1;
