-- FX reference rates: how a deal's value gets its USD figure, and how a load of rates reaches the deals it converts.
-- Tables are named unqualified and resolve through the search_path, so a rebuild converts with its own rates.

-- `amount` of `currency` in USD at the latest rate dated on or before `on_date`, rounded to cents and without
-- trailing zeros; null when no such rate is loaded.
CREATE OR REPLACE FUNCTION usd_value(amount numeric, currency text, on_date date) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT trim_scale(round(amount * r.usd, 2))
  FROM fx_rates r
  WHERE r.currency = usd_value.currency AND r.rate_date <= on_date
  ORDER BY r.rate_date DESC
  LIMIT 1
$$;

-- The day a deal's value is converted on: its announcement, else its rumour.
CREATE OR REPLACE FUNCTION deal_fx_date(announced_on date, rumored_on date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(announced_on, rumored_on)
$$;

-- The same, with the rates that had been loaded by `known_at` (fx_rate_history): what a knownAt read converts with.
CREATE OR REPLACE FUNCTION usd_value_known_at(amount numeric, currency text, on_date date, known_at timestamptz) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT trim_scale(round(amount * h.usd, 2))
  FROM fx_rate_history h
  WHERE h.currency = usd_value_known_at.currency AND h.rate_date <= on_date AND h.recorded_at <= known_at
  ORDER BY h.rate_date DESC, h.recorded_at DESC
  LIMIT 1
$$;

-- A deal's value in USD: the USD figure reported with it (or the value itself in USD), else the value converted on
-- the deal's FX date, with today's rates or, given `known_at`, with those loaded by then; null when neither is known.
CREATE OR REPLACE FUNCTION deal_value_usd(reported numeric, amount numeric, currency text, announced_on date, rumored_on date,
  known_at timestamptz DEFAULT NULL)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(reported, CASE
    WHEN known_at IS NULL THEN usd_value(amount, currency, deal_fx_date(announced_on, rumored_on))
    ELSE usd_value_known_at(amount, currency, deal_fx_date(announced_on, rumored_on), known_at)
  END)
$$;

-- Another amount of a deal (its enterprise or equity value) in USD, by the same rule: itself when in USD, else
-- converted on the deal's FX date.
CREATE OR REPLACE FUNCTION deal_amount_usd(amount numeric, currency text, announced_on date, rumored_on date,
  known_at timestamptz DEFAULT NULL)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT deal_value_usd(CASE WHEN currency = 'USD' THEN amount END, amount, currency, announced_on, rumored_on, known_at)
$$;

-- Projects one load, [{date, currency, usd}] recorded at `recorded_at`: kept in fx_rate_history as loaded then, a
-- later load of the same (currency, date) wins in fx_rates, and every deal with an amount (value, enterprise or
-- equity value) in a loaded currency is converted again. A deal whose FX date is before the earliest rate loaded for
-- the currency cannot pick any of them and is left alone. Only the USD figures change: the deal's version and
-- updated_at belong to its own events. Loads must be applied in stream order (fx_rates does not record which
-- load set a rate, so an older load applied after a newer one would put its rates back).
CREATE OR REPLACE FUNCTION project_fx_rates(rates jsonb, recorded_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rates IS NULL OR jsonb_array_length(rates) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO fx_rate_history (currency, rate_date, usd, recorded_at)
  SELECT r.currency, r."date", r.usd, project_fx_rates.recorded_at
  FROM jsonb_to_recordset(rates) AS r("date" date, currency text, usd numeric)
  ON CONFLICT DO NOTHING;
  INSERT INTO fx_rates (currency, rate_date, usd)
  SELECT r.currency, r."date", r.usd FROM jsonb_to_recordset(rates) AS r("date" date, currency text, usd numeric)
  ON CONFLICT (currency, rate_date) DO UPDATE SET usd = EXCLUDED.usd
  WHERE fx_rates.usd IS DISTINCT FROM EXCLUDED.usd;

  WITH loaded AS (
    SELECT r.currency, min(r."date") AS earliest
    FROM jsonb_to_recordset(rates) AS r("date" date, currency text)
    GROUP BY r.currency
  ), touched AS (
    -- Deals with an amount in a loaded currency, on or after its earliest rate loaded.
    SELECT d.deal_id FROM deal_views d
    WHERE EXISTS (SELECT FROM loaded l
      WHERE l.currency IN (d.value_currency, d.enterprise_value_currency, d.equity_value_currency)
        AND deal_fx_date(d.announced_on, d.rumored_on) >= l.earliest)
  ), converted AS (
    SELECT d.deal_id,
      deal_value_usd(d.value_usd_reported, d.value_amount, d.value_currency, d.announced_on, d.rumored_on) AS value_usd,
      deal_amount_usd(d.enterprise_value_amount, d.enterprise_value_currency, d.announced_on, d.rumored_on) AS enterprise_value_usd,
      deal_amount_usd(d.equity_value_amount, d.equity_value_currency, d.announced_on, d.rumored_on) AS equity_value_usd
    FROM deal_views d JOIN touched t USING (deal_id)
  )
  UPDATE deal_views d
  SET value_usd = c.value_usd, enterprise_value_usd = c.enterprise_value_usd, equity_value_usd = c.equity_value_usd
  FROM converted c
  WHERE d.deal_id = c.deal_id
    AND (d.value_usd, d.enterprise_value_usd, d.equity_value_usd) IS DISTINCT FROM (c.value_usd, c.enterprise_value_usd, c.equity_value_usd);
END
$$;

-- POST /fx-rates: a load appended as one event of the fx-rates stream (stream_append: locks, Idempotency-Key) and
-- projected, in the caller's transaction.
CREATE OR REPLACE FUNCTION fx_rates_append(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  outcome jsonb := stream_append(p);
  recorded_at timestamptz;
BEGIN
  IF outcome ? 'events' THEN
    -- Without this, a deal written concurrently could miss the load: its statement converts with a snapshot taken
    -- before the rates commit, while this UPDATE cannot see the deal's uncommitted row. Locked, the load waits for
    -- the deal writes in flight to commit, and later ones wait for the load. Taken after the append, never before,
    -- so the lock order matches the rebuild's (events, then the read tables).
    LOCK TABLE deal_views IN SHARE ROW EXCLUSIVE MODE;
    SELECT e.recorded_at INTO recorded_at FROM events e WHERE e.event_id = (outcome->'events'->0->>'eventId')::uuid;
    PERFORM project_fx_rates(p->'events'->0->'data'->'rates', recorded_at);
  END IF;
  RETURN outcome;
END
$$;
