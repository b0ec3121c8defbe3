import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

export interface PendingTotals {
  dealCount: number;
  /** The pending deals' USD values summed ("0" when none has one). */
  valueUsd: string;
  /** Pending deals with a value but no USD figure (in no valueUsd). */
  unconvertedCount: number;
}

export class GetPendingQuery extends Query<PendingTotals> {}

/** The pending deals as they stand: the pipeline's size at a glance (what a desk's overview opens with). */
@QueryHandler(GetPendingQuery)
export class GetPendingHandler implements IQueryHandler<GetPendingQuery, PendingTotals> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<PendingTotals> {
    const [row]: PendingTotals[] = await this.dataSource.query(
      `SELECT count(*)::int AS "dealCount", trim_scale(coalesce(sum(value_usd), 0))::text AS "valueUsd",
         (count(*) FILTER (WHERE value_amount IS NOT NULL AND value_usd IS NULL))::int AS "unconvertedCount"
       FROM deal_views WHERE status = 'pending'`,
    );
    return row;
  }
}
