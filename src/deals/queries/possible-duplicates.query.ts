import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

/** The deals that may be the same deal entered twice: same acquirer and target companies, not voided. */
export class PossibleDuplicatesQuery extends Query<string[]> {
  constructor(readonly dealId: string) {
    super();
  }
}

@QueryHandler(PossibleDuplicatesQuery)
export class PossibleDuplicatesHandler implements IQueryHandler<PossibleDuplicatesQuery, string[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ dealId }: PossibleDuplicatesQuery): Promise<string[]> {
    const rows: { deal_id: string }[] = await this.dataSource.query(
      `SELECT other.deal_id FROM deal_views deal
       JOIN deal_views other ON other.acquirer_id = deal.acquirer_id AND other.target_id = deal.target_id
       WHERE deal.deal_id = $1 AND other.deal_id <> deal.deal_id AND deal_counts(other.status)
       ORDER BY other.deal_id`,
      [dealId],
    );
    return rows.map((r) => r.deal_id);
  }
}
