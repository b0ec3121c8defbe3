// SQL shared by the company reads. company_names keeps one row per (normalised name, company) with the latest
// spelling, so spellings that normalise alike ("Acme Corp", "ACME corp.") are recovered from the party names the
// deal views carry.

/** One row per company: the spelling it was most recently seen under, and that name normalised (the sort key). */
export const latestNamesSql = (where = '') => `
  SELECT DISTINCT ON (company_id) company_id, name, normalized_name
  FROM company_names ${where}
  ORDER BY company_id, last_seen_at DESC, name COLLATE "C"`;

/** Every spelling the company was seen under, byte-ordered so both databases agree whatever their collation. */
export const namesSeenSql = (id: string) => `ARRAY(
  SELECT seen.name FROM (
    SELECT name FROM company_names WHERE company_id = ${id}
    UNION SELECT acquirer_name FROM deal_views WHERE acquirer_id = ${id}
    UNION SELECT target_name FROM deal_views WHERE target_id = ${id}
    UNION SELECT seller_name FROM deal_views WHERE seller_id = ${id}
  ) AS seen(name)
  ORDER BY seen.name COLLATE "C")`;

/** Deals the company is acquirer, target or seller of (each counted once); competing bids are not deals of the bidder. */
export const dealCountSql = (id: string) =>
  `(SELECT count(*)::int FROM deal_views d WHERE d.acquirer_id = ${id} OR d.target_id = ${id} OR d.seller_id = ${id})`;
