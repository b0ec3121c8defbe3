-- The advisory locks of the write path. Every write transaction takes, first, the read-tables lock shared (so
-- writers never wait for each other on it) and then its stream's lock (so writers of one stream queue instead of
-- racing to the unique version). A projection rebuild takes the read-tables lock exclusively to swap tables: because
-- writers take it before touching any table, the swap never deadlocks with a writer halfway through.

-- Any fixed number: it names the lock.
CREATE OR REPLACE FUNCTION read_tables_lock_id() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 7240612::bigint $$;

CREATE OR REPLACE FUNCTION lock_stream_for_write(stream_id text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(read_tables_lock_id()), pg_advisory_xact_lock(hashtextextended(stream_id, 0));
END
$$;

-- Waits for the writes in flight to commit and holds new ones at their first statement until the transaction ends.
CREATE OR REPLACE FUNCTION hold_writes_back() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(read_tables_lock_id());
END
$$;
