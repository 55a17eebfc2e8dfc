-- Undoes V15: the verdicts, their history and the users go (export the verdicts first: ./aoi export reviews).
-- The aoi_console role stays, as V3's roles do: roles belong to the server, other databases may grant it.
DROP TABLE region_review_history;
DROP TABLE region_reviews;
DROP TABLE users;
DO $$
BEGIN
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM aoi_console', current_schema());
END
$$;
