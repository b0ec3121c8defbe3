// The API's own lists of values (statuses, sectors, deal types, attitudes), imported from the server's domain so the
// screen offers exactly what the server takes, and no copy can drift from it.
export { DEAL_STATUSES } from '../../deals/domain/deal.js';
export { ATTITUDES, DEAL_TYPES } from '../../deals/domain/deal.events.js';
export { SECTORS } from '../../deals/domain/company.js';
