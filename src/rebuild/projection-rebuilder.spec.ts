// How the rebuild completes a shadow: side by side where the pool has connections for it, in turn where it has one.
import { createDataSource } from '../database/data-source.js';
import { completionLanes, poolSize } from './projection-rebuilder.js';
import { FILL_CREDIT_TOTALS, FILL_VOLUME_TOTALS } from './read-tables.js';

const INDEXES = ['CREATE INDEX a ON deal_views (status)', 'CREATE INDEX b ON deal_views (announced_on)'];

describe('completionLanes', () => {
  it('puts the credit totals in one lane and the volume totals with the deferred indexes in the other', () => {
    expect(completionLanes(INDEXES, 4)).toEqual([[FILL_CREDIT_TOTALS], [FILL_VOLUME_TOTALS, ...INDEXES]]);
  });

  it('gives a pool of one connection a single lane holding every statement', () => {
    expect(completionLanes(INDEXES, 1)).toEqual([[FILL_CREDIT_TOTALS, FILL_VOLUME_TOTALS, ...INDEXES]]);
  });
});

describe('poolSize', () => {
  it('is one on the embedded database and the configured size on PostgreSQL', () => {
    expect(poolSize(createDataSource({ url: 'postgres://127.0.0.1:1/x', embedded: true, poolSize: 8 }))).toBe(1);
    expect(poolSize(createDataSource({ url: 'postgres://127.0.0.1:1/x', embedded: false, poolSize: 8 }))).toBe(8);
  });
});
