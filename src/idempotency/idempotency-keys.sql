-- Idempotency keys live in the transaction of the append they guard. A request is a jsonb
-- {"actor", "key", "hash"}: the API key's name, the Idempotency-Key and the hash of the request (method, path, body).

-- Claims the key: null when it is new (the caller then appends and records its result), else what the key already
-- holds, {"requestHash", "response"}. A concurrent claim of the same key waits on the row until the first
-- transaction ends: it then reads the stored result, or takes the key if the first rolled back.
CREATE OR REPLACE FUNCTION idempotency_claim(request jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  prior jsonb;
BEGIN
  INSERT INTO idempotency_keys (actor, key, request_hash)
  VALUES (request->>'actor', request->>'key', request->>'hash')
  ON CONFLICT (actor, key) DO NOTHING;
  IF FOUND THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_build_object('requestHash', k.request_hash, 'response', k.response) INTO prior
  FROM idempotency_keys k WHERE k.actor = request->>'actor' AND k.key = request->>'key';
  RETURN prior;
END
$$;

-- Gives a claimed key back (the write it guarded appended nothing).
CREATE OR REPLACE FUNCTION idempotency_release(request jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM idempotency_keys WHERE actor = request->>'actor' AND key = request->>'key';
END
$$;

-- Stores the result a retry with the key will be answered.
CREATE OR REPLACE FUNCTION idempotency_complete(request jsonb, response jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE idempotency_keys SET response = idempotency_complete.response
  WHERE actor = request->>'actor' AND key = request->>'key';
END
$$;
