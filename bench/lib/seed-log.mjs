// Seeds a log of N events (N/5 deals, each rumoured, announced, priced, cleared and closed) straight into a
// contender's table with one INSERT ... SELECT per 100,000 events: the rebuild workload times the replay, not this.

const DATA = {
  rumored: `jsonb_build_object('acquirer', jsonb_build_object('name', 'Acquirer ' || (d % 997), 'companyId', md5('acq' || (d % 997))::uuid),
    'target', jsonb_build_object('name', 'Target ' || d, 'companyId', md5('tgt' || d)::uuid), 'source', '{"publisher": "Bench Wire"}'::jsonb)`,
  announced: `jsonb_build_object('acquirer', jsonb_build_object('name', 'Acquirer ' || (d % 997), 'companyId', md5('acq' || (d % 997))::uuid),
    'target', jsonb_build_object('name', 'Target ' || d, 'companyId', md5('tgt' || d)::uuid),
    'value', jsonb_build_object('amount', ((1000 + d % 5000)::bigint * 1000000)::text, 'currency', 'USD'), 'consideration', 'cash')`,
  priced: `jsonb_build_object('value', jsonb_build_object('amount', ((1100 + d % 5000)::bigint * 1000000)::text || '.50', 'currency', 'USD'),
    'pricePerShare', '{"amount": "54.20", "currency": "USD"}'::jsonb)`,
  regulatory: `'{"authority": "FTC", "jurisdiction": "US", "decision": "approved"}'::jsonb`,
  closed: `jsonb_build_object('finalValue', jsonb_build_object('amount', ((1100 + d % 5000)::bigint * 1000000)::text || '.50', 'currency', 'USD'))`,
};
const TYPES = ['rumored', 'announced', 'priced', 'regulatory', 'closed'];
// Deals are rumoured on days spread over 2015-2025, like a real history, then move on a month per event.
const DAYS_AFTER_RUMOUR = [0, 30, 60, 90, 120];

/** One row per (deal d, version v): columns named for the caller's INSERT. */
const eventsOf = (fromDeal, toDeal) => `
  SELECT d, v, (ARRAY['${TYPES.join("','")}'])[v] AS type, '2015-01-05'::date + (d::bigint * 7919 % 3900)::integer + (ARRAY[${DAYS_AFTER_RUMOUR.join(',')}])[v] AS occurred_on,
    CASE v ${TYPES.map((t, i) => `WHEN ${i + 1} THEN ${DATA[t]}`).join(' ')} END AS data
  FROM generate_series(${fromDeal}, ${toDeal - 1}) AS d, generate_series(1, 5) AS v
  ORDER BY d, v`;

const INSERTS = {
  project: (range) => `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
    SELECT 'deal-' || md5('deal' || d)::uuid, v, gen_random_uuid(), type, data, '{"actor": "bench"}', occurred_on FROM (${range}) e`,
  raw: (range) => `INSERT INTO raw_events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
    SELECT 'deal-' || md5('deal' || d)::uuid, v, gen_random_uuid(), type, data, '{"actor": "bench"}', occurred_on FROM (${range}) e`,
  emmett: (range) => `INSERT INTO emt_messages (stream_id, stream_position, transaction_id, message_kind, message_schema_version,
      message_id, message_type, message_data, message_metadata)
    SELECT 'deal-' || md5('deal' || d)::uuid, v, pg_current_xact_id(), 'E', '1', gen_random_uuid()::text, type, data, '{}'
    FROM (${range}) e`,
};

// The analyst's data model (issue 11's Q rows): three financial advisors per deal from a pool of 50 banks, credited
// after the closing, and every acquirer and target profiled with one of 40 countries and one of 11 sectors.
const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'JP', 'CN', 'CA', 'AU', 'IT', 'ES', 'NL', 'CH', 'SE', 'NO', 'DK', 'FI', 'BE', 'AT', 'IE', 'PT',
  'PL', 'CZ', 'HU', 'GR', 'TR', 'IL', 'IN', 'SG', 'HK', 'KR', 'TW', 'BR', 'MX', 'AR', 'CL', 'ZA', 'AE', 'SA', 'NZ', 'LU'];
const SECTORS = ['energy', 'materials', 'industrials', 'consumer_discretionary', 'consumer_staples', 'health_care', 'financials',
  'information_technology', 'communication_services', 'utilities', 'real_estate'];
const sqlArray = (values) => `ARRAY['${values.join("','")}']`;

const advisorsOf = (fromDeal, toDeal) => `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
  SELECT 'deal-' || md5('deal' || d)::uuid, 5 + k, gen_random_uuid(), 'advisor_retained',
    jsonb_build_object('advisor', jsonb_build_object('name', 'Bank ' || ((d * 7 + k * 13) % 50), 'companyId', md5('bank' || ((d * 7 + k * 13) % 50))::uuid),
      'side', CASE WHEN k = 3 THEN 'target' ELSE 'acquirer' END, 'role', 'financial'),
    '{"actor": "bench"}', '2015-01-05'::date + (d::bigint * 7919 % 3900)::integer + 121
  FROM generate_series(${fromDeal}, ${toDeal - 1}) AS d, generate_series(1, 3) AS k`;

const profile = (stream, i) => `jsonb_build_object('country', (${sqlArray(COUNTRIES)})[1 + ${i} % 40], 'sector', (${sqlArray(SECTORS)})[1 + ${i} % 11])`;
const profilesOf = (fromDeal, toDeal) => `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
  SELECT 'company-' || md5('tgt' || d)::uuid, 1, gen_random_uuid(), 'company_profiled', ${profile('tgt', '(d * 7)')}, '{"actor": "bench"}', '2025-12-01'
  FROM generate_series(${fromDeal}, ${toDeal - 1}) AS d`;
const acquirerProfiles = `
  INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, occurred_on)
  SELECT 'company-' || md5('acq' || a)::uuid, 1, gen_random_uuid(), 'company_profiled', ${profile('acq', 'a')}, '{"actor": "bench"}', '2025-12-01'
  FROM generate_series(0, 996) AS a`;

export async function seedLog(query, contender, events, { analystModel = false } = {}) {
  const deals = Math.ceil(events / 5);
  const step = 20_000;
  for (let from = 0; from < deals; from += step) {
    await query(INSERTS[contender](eventsOf(from, Math.min(deals, from + step))));
    if (analystModel) {
      await query(advisorsOf(from, Math.min(deals, from + step)));
      await query(profilesOf(from, Math.min(deals, from + step)));
    }
  }
  if (analystModel) await query(acquirerProfiles);
  await query('VACUUM ANALYZE');
}
