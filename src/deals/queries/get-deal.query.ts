import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EventStore } from '../../event-store/event-store.js';
import { toDealEvent } from '../deal-stream.js';
import { dealStreamOf } from './deal-stream-of.js';
import { DealNotFound } from '../domain/deal.errors.js';
import { fold } from '../domain/deal.js';
import { DEAL_VIEW_COLUMNS, type StoredDealView, fromDealViewRow } from '../projections/deal-view-row.js';
import { type DealView, toDealView } from '../projections/deal-view.js';

export interface AsOf {
  /** Business time: only events that occurred on or before this date. */
  asOf?: string;
  /** Recorded time: only events recorded at or before this instant. */
  knownAt?: Date;
}

export class GetDealQuery extends Query<DealView> {
  constructor(
    readonly dealId: string,
    readonly at: AsOf = {},
  ) {
    super();
  }
}

/** The current view comes from the read table; an as-of view is folded from the deal's stream. */
@QueryHandler(GetDealQuery)
export class GetDealHandler implements IQueryHandler<GetDealQuery, DealView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async execute({ dealId, at }: GetDealQuery): Promise<DealView> {
    const view = at.asOf || at.knownAt ? await this.foldAsOf(dealId, at) : await this.current(dealId);
    if (!view) throw new DealNotFound(dealId);
    return view;
  }

  private async current(dealId: string): Promise<DealView | undefined> {
    const rows: StoredDealView[] = await this.dataSource.query(`SELECT ${DEAL_VIEW_COLUMNS} FROM deal_views WHERE deal_id = $1`, [
      dealId,
    ]);
    return rows[0] && fromDealViewRow(rows[0]);
  }

  private async foldAsOf(dealId: string, { asOf, knownAt }: AsOf): Promise<DealView | undefined> {
    const recorded = await this.store.readStream(await dealStreamOf(this.dataSource, dealId), { recordedAtOrBefore: knownAt });
    // A retraction corrects the record, whatever its own date: a wrong event never counted, at any business date.
    const counted = recorded.filter((e) => !asOf || e.type === 'retracted' || e.occurredOn <= asOf);
    const state = fold(dealId, counted.map(toDealEvent));
    return state.status ? this.withConvertedValue(toDealView(state), knownAt) : undefined;
  }

  /** The as-of value in USD, by the rule the live view follows (deal_value_usd, fx-rates.sql): with the rates loaded by knownAt. */
  private async withConvertedValue(view: DealView, knownAt: Date | undefined): Promise<DealView> {
    if (view.value === null) return view;
    const [row]: { usd: string | null }[] = await this.dataSource.query(
      'SELECT deal_value_usd($1::numeric, $2::numeric, $3, $4::date, $5::date, $6::timestamptz)::text AS usd',
      [view.valueUsd, view.value.amount, view.value.currency, view.announcedOn, view.rumoredOn, knownAt?.toISOString() ?? null],
    );
    return { ...view, valueUsd: row.usd };
  }
}
