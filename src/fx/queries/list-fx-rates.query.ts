import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type Page, toPage } from '../../http/paging.js';
import type { FxRate } from '../fx-stream.js';

export interface FxRateFilter {
  /** Any of these currencies; empty: all. */
  currencies: string[];
  from?: string;
  to?: string;
  limit: number;
  /** The (currency, date) of the last item of the previous page. */
  after?: [string, string];
}

export class ListFxRatesQuery extends Query<Page<FxRate>> {
  constructor(readonly filter: FxRateFilter) {
    super();
  }
}

/** Keyset paging on the primary key (currency, rate_date): every rate exactly once, however the table grows. */
@QueryHandler(ListFxRatesQuery)
export class ListFxRatesHandler implements IQueryHandler<ListFxRatesQuery, Page<FxRate>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListFxRatesQuery): Promise<Page<FxRate>> {
    const rows: FxRate[] = await this.dataSource.query(
      `SELECT currency, rate_date AS "date", trim_scale(usd)::text AS usd
       FROM fx_rates
       WHERE (cardinality($1::text[]) = 0 OR currency = ANY($1::text[]))
         AND ($2::date IS NULL OR rate_date >= $2::date)
         AND ($3::date IS NULL OR rate_date <= $3::date)
         AND ($4::text IS NULL OR (currency, rate_date) > ($4::text, $5::date))
       ORDER BY currency, rate_date
       LIMIT $6`,
      [filter.currencies, filter.from ?? null, filter.to ?? null, filter.after?.[0] ?? null, filter.after?.[1] ?? null, filter.limit + 1],
    );
    return toPage(rows, filter.limit, (row) => row, (row) => [row.currency, row.date]);
  }
}
