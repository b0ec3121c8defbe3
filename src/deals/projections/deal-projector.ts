import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CompaniesProjection } from '../../companies/companies.projection.js';
import type { RecordedDealEvent } from '../domain/deal.events.js';
import type { DealState } from '../domain/deal.js';
import { DealViewProjection } from './deal-view.projection.js';

/** Every read table a deal event feeds, in one place, so the inline write path and rebuilds cannot drift apart. */
@Injectable()
export class DealProjector {
  constructor(
    private readonly dealView: DealViewProjection,
    private readonly companies: CompaniesProjection,
  ) {}

  /** Each deal's folded state with the events it was folded from (all of them, or the new ones). */
  async apply(manager: EntityManager, deals: { state: DealState; events: RecordedDealEvent[] }[]): Promise<void> {
    await this.companies.apply(manager, deals.flatMap((d) => d.events));
    await this.dealView.apply(manager, deals.map((d) => d.state));
  }
}
