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

  /** The deal exists, but not yet at the date or time asked: the 404 says so. */
  private notYet(dealId: string, events: { occurredOn: string; recordedAt: string }[], { asOf, knownAt }: AsOf): DealNotFound {
    const first = events.reduce((a, b) => (b.occurredOn < a.occurredOn ? b : a));
    const when = [
      asOf && asOf < first.occurredOn ? `on ${asOf} (its first event is dated ${first.occurredOn})` : null,
      knownAt && knownAt.toISOString() < events[0].recordedAt ? `as known at ${knownAt.toISOString()} (it was first recorded at ${events[0].recordedAt})` : null,
    ].filter(Boolean);
    return new DealNotFound(dealId, `Deal ${dealId} did not exist yet ${when.join(', nor ') || 'at that date'}.`);
  }

  private async current(dealId: string): Promise<DealView | undefined> {
    const rows: StoredDealView[] = await this.dataSource.query(`SELECT ${DEAL_VIEW_COLUMNS} FROM deal_views WHERE deal_id = $1`, [
      dealId,
    ]);
    return rows[0] && fromDealViewRow(rows[0]);
  }

  private async foldAsOf(dealId: string, { asOf, knownAt }: AsOf): Promise<DealView | undefined> {
    const all = await this.store.readStream(await dealStreamOf(this.dataSource, dealId));
    if (all.length === 0) return undefined;
    const recorded = knownAt ? all.filter((e) => Date.parse(e.recordedAt) <= knownAt.getTime()) : all;
    // A retraction corrects the record, whatever its own date: a wrong event never counted, at any business date.
    const counted = recorded.filter((e) => !asOf || e.type === 'retracted' || e.occurredOn <= asOf);
    const state = fold(dealId, counted.map(toDealEvent));
    if (!state.status) throw this.notYet(dealId, all, { asOf, knownAt });
    return this.asLiveRowWould(toDealView(state), knownAt);
  }

  /**
   * The columns a deal_views row would have for the folded view, by the rules the live view follows: the USD figures
   * with the rates loaded by knownAt (fx-rates.sql), and the companies as they stand now (company-views.sql: merges,
   * countries and sectors are reference data, not history).
   */
  private async asLiveRowWould(view: DealView, knownAt: Date | undefined): Promise<DealView> {
    const [row]: (Omit<StoredDealView, 'view'> & { view: string })[] = await this.dataSource.query(
      `SELECT view_after_merges($1) AS view,
         deal_value_usd($2::numeric, $3::numeric, $4, $9::date, $10::date, $11::timestamptz)::text AS value_usd,
         deal_amount_usd($5::numeric, $6, $9::date, $10::date, $11::timestamptz)::text AS enterprise_value_usd,
         deal_amount_usd($7::numeric, $8, $9::date, $10::date, $11::timestamptz)::text AS equity_value_usd,
         a.country AS acquirer_country, a.sector AS acquirer_sector, t.country AS target_country, t.sector AS target_sector,
         s.country AS seller_country, s.sector AS seller_sector,
         -- As deal_views.cross_border (a generated column) has it.
         CASE WHEN a.country IS NOT NULL AND t.country IS NOT NULL THEN a.country <> t.country END AS cross_border
       FROM company_facts($12::uuid) a, company_facts($13::uuid) t, company_facts($14::uuid) s`,
      [
        JSON.stringify(view),
        view.valueUsd,
        view.value?.amount ?? null,
        view.value?.currency ?? null,
        view.enterpriseValue?.amount ?? null,
        view.enterpriseValue?.currency ?? null,
        view.equityValue?.amount ?? null,
        view.equityValue?.currency ?? null,
        view.announcedOn,
        view.rumoredOn,
        knownAt?.toISOString() ?? null,
        view.acquirer?.companyId ?? null,
        view.target?.companyId ?? null,
        view.seller?.companyId ?? null,
      ],
    );
    const rank_value_usd = row.enterprise_value_usd ?? row.value_usd; // as deal_views.rank_value_usd
    return fromDealViewRow({ ...row, view: JSON.parse(row.view) as DealView, rank_value_usd });
  }
}
