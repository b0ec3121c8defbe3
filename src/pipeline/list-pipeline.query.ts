import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { decodePageCursor, type Page, toPage } from '../http/paging.js';
import { isCalendarDate } from '../http/params.js';
import { RequestValidationError } from '../http/request-validation.error.js';
import { DEAL_VIEW_COLUMNS, type StoredDealView, fromDealViewRow } from '../deals/projections/deal-view-row.js';
import type { DealView } from '../deals/projections/deal-view.js';
import { GetDealQuery } from '../deals/queries/get-deal.query.js';

export type PipelineItem = DealView & { daysOutstanding: number };

/** Where the previous page ended: its last deal's announcement date and id. */
export interface PipelineCursor {
  announcedOn: string;
  dealId: string;
}

export class ListPipelineQuery extends Query<Page<PipelineItem>> {
  constructor(
    readonly limit: number,
    readonly after?: PipelineCursor,
    /** A business date: the deals pending at the end of that day, each as it stood then. */
    readonly asOf?: string,
  ) {
    super();
  }
}

type PipelineRow = StoredDealView & { deal_id: string; announced_on: string; days_outstanding: number };
type AsOfRow = { deal_id: string; announced_on: string; days_outstanding: number };

/**
 * GET /pipeline: pending deals, oldest announcement first (ties by dealId), keyset-paged on the
 * (status, announced_on) index. A pending deal always has an announcement: only `announced` makes a deal pending.
 * "Today" is the UTC calendar date of the database clock, so every instance counts the same days.
 */
@QueryHandler(ListPipelineQuery)
export class ListPipelineHandler implements IQueryHandler<ListPipelineQuery, Page<PipelineItem>> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  execute({ limit, after, asOf }: ListPipelineQuery): Promise<Page<PipelineItem>> {
    return asOf ? this.pendingOn(asOf, limit, after) : this.pendingToday(limit, after);
  }

  private async pendingToday(limit: number, after?: PipelineCursor): Promise<Page<PipelineItem>> {
    const keyset = after ? 'AND (d.announced_on, d.deal_id) > ($2::date, $3::uuid)' : '';
    const rows: PipelineRow[] = await this.dataSource.query(
      `SELECT ${DEAL_VIEW_COLUMNS}, d.deal_id, d.announced_on,
         ((now() AT TIME ZONE 'UTC')::date - d.announced_on) AS days_outstanding
       FROM deal_views d
       WHERE d.status = 'pending' ${keyset}
       ORDER BY d.announced_on, d.deal_id
       LIMIT $1`,
      after ? [limit + 1, after.announcedOn, after.dealId] : [limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => ({ ...fromDealViewRow(row), daysOutstanding: row.days_outstanding }),
      (row) => [row.announced_on, row.deal_id],
    );
  }

  /**
   * Pending at the end of `asOf`: announced on or before it, and neither closed nor ended by then (the read table's
   * dates are those of the events that count, retractions applied, as in GET /deals/{dealId}?asOf=). A voided deal
   * was never one. Each is then served as it stood that day.
   */
  private async pendingOn(asOf: string, limit: number, after?: PipelineCursor): Promise<Page<PipelineItem>> {
    const [{ future }]: { future: boolean }[] = await this.dataSource.query(`SELECT $1::date > (now() AT TIME ZONE 'UTC')::date AS future`, [asOf]);
    if (future) throw new RequestValidationError([{ field: 'asOf', message: 'must not be after today (UTC): the pipeline of a day to come is not known' }]);
    const keyset = after ? 'AND (d.announced_on, d.deal_id) > ($3::date, $4::uuid)' : '';
    const rows: AsOfRow[] = await this.dataSource.query(
      `SELECT d.deal_id, d.announced_on, ($2::date - d.announced_on) AS days_outstanding
       FROM deal_views d
       WHERE d.announced_on <= $2::date AND deal_counts(d.status)
         AND coalesce(d.closed_on, d.ended_on, 'infinity'::date) > $2::date ${keyset}
       ORDER BY d.announced_on, d.deal_id
       LIMIT $1`,
      after ? [limit + 1, asOf, after.announcedOn, after.dealId] : [limit + 1, asOf],
    );
    const page = toPage(rows, limit, (row) => row, (row) => [row.announced_on, row.deal_id]);
    const items: PipelineItem[] = [];
    for (const row of page.items) {
      const view: DealView = await this.queries.execute(new GetDealQuery(row.deal_id, { asOf }));
      items.push({ ...view, daysOutstanding: row.days_outstanding });
    }
    return { items, nextCursor: page.nextCursor };
  }
}

export function pipelineCursor(cursor: unknown): PipelineCursor | undefined {
  const decoded = decodePageCursor(cursor, 2);
  if (decoded === undefined) return undefined;
  const [announcedOn, dealId] = decoded;
  if (typeof announcedOn !== 'string' || !isCalendarDate(announcedOn) || typeof dealId !== 'string' || !isUUID(dealId)) {
    throw new RequestValidationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);
  }
  return { announcedOn, dealId };
}
