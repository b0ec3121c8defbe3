import type { DealEventInput } from './deal.events.js';

/** POST /deals: the deal's first event. */
export interface StartDeal {
  kind: 'StartDeal';
  dealId: string;
  event: DealEventInput;
}

/** POST /deals/{dealId}/events: any later event. */
export interface RecordDealEvent {
  kind: 'RecordDealEvent';
  dealId: string;
  event: DealEventInput;
}

export type DealCommand = StartDeal | RecordDealEvent;
