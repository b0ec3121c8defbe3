import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { decodePageCursor, type Page, toPage } from '../http/paging.js';
import { isCalendarDate } from '../http/params.js';
import { RequestValidationError } from '../http/request-validation.error.js';
import { DEAL_VIEW_COLUMNS, type StoredDealView, fromDealViewRow } from '../deals/projections/deal-view-row.js';
import type { DealView } from '../deals/projections/deal-view.js';

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
  ) {
    super();
  }
}

type PipelineRow = StoredDealView & { deal_id: string; announced_on: string; days_outstanding: number };

/**
 * GET /pipeline: pending deals, oldest announcement first (ties by dealId), keyset-paged on the
 * (status, announced_on) index. A pending deal always has an announcement: only `announced` makes a deal pending.
 * "Today" is the UTC calendar date of the database clock, so every instance counts the same days.
 */
@QueryHandler(ListPipelineQuery)
export class ListPipelineHandler implements IQueryHandler<ListPipelineQuery, Page<PipelineItem>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ limit, after }: ListPipelineQuery): Promise<Page<PipelineItem>> {
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
