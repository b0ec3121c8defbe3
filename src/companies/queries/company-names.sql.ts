// SQL shared by the company reads. company_names keeps one row per (company, spelling), bidders' names included.

/** One row per company: the spelling it was most recently seen under, and that name normalised (the sort key). */
export const latestNamesSql = (where = '') => `
  SELECT DISTINCT ON (company_id) company_id, name, normalized_name
  FROM company_names ${where}
  ORDER BY company_id, last_seen_at DESC, name COLLATE "C"`;

/** The company and those merged into it: whose names are its names. */
export const withMergedSql = (id: string) => `(SELECT ${id} UNION ALL SELECT company_id FROM company_views WHERE merged_into = ${id})`;

/**
 * Every spelling the company (or one merged into it) was seen under, byte-ordered so both databases agree whatever
 * their collation.
 */
export const namesSeenSql = (id: string) =>
  `ARRAY(SELECT DISTINCT name COLLATE "C" FROM company_names WHERE company_id IN ${withMergedSql(id)} ORDER BY 1)`;

/** Not merged into another company (a merged one answers as that one). */
export const notMergedSql = (id: string) => `NOT EXISTS (SELECT FROM company_views v WHERE v.company_id = ${id} AND v.merged_into IS NOT NULL)`;

/**
 * Deals the company is acquirer, target or seller of (each counted once), but voided ones (deal_counts); competing
 * bids are not deals of the bidder.
 */
export const dealCountSql = (id: string) =>
  `(SELECT count(*)::int FROM deal_views d WHERE (d.acquirer_id = ${id} OR d.target_id = ${id} OR d.seller_id = ${id}) AND deal_counts(d.status))`;
