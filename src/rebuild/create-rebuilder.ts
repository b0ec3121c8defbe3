import type { DataSource } from 'typeorm';
import { CompaniesProjection } from '../companies/companies.projection.js';
import { DealProjector } from '../deals/projections/deal-projector.js';
import { DealViewProjection } from '../deals/projections/deal-view.projection.js';
import { EventStore } from '../event-store/event-store.js';
import { FxRatesProjection } from '../fx/projections/fx-rates.projection.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';

/** The rebuilder with every projection of the log; the projections are stateless, so plain construction will do. */
export function createRebuilder(dataSource: DataSource): ProjectionRebuilder {
  const projector = new DealProjector(new DealViewProjection(), new CompaniesProjection());
  return new ProjectionRebuilder(dataSource, new EventStore(dataSource), projector, [new FxRatesProjection()]);
}
