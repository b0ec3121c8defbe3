// The deal view of the HTTP contract: a pure function of the folded state, so inline updates, rebuilds and as-of reads agree.
import type { Consideration, DealType, Money } from '../domain/deal.events.js';
import type { CompetingBid, DealState, DealStatus, RegulatoryStep, ShareholderVote, Voiding } from '../domain/deal.js';

export interface CompanyRef {
  companyId: string;
  name: string;
}

export interface DealView {
  dealId: string;
  status: DealStatus;
  acquirer: CompanyRef | null;
  target: CompanyRef | null;
  seller: CompanyRef | null;
  dealType: DealType | null;
  consideration: Consideration | null;
  value: Money | null;
  initialValue: Money | null;
  valueUsd: string | null;
  pricePerShare: Money | null;
  initialPricePerShare: Money | null;
  stakePercent: number | null;
  rumoredOn: string | null;
  announcedOn: string | null;
  expectedCloseOn: string | null;
  closedOn: string | null;
  endedOn: string | null;
  durationDays: number | null;
  contested: boolean;
  regulatory: RegulatoryStep[];
  shareholderVotes: ShareholderVote[];
  competingBids: (Omit<CompetingBid, 'bidder'> & { bidder: CompanyRef })[];
  terminationFee: Money | null;
  /** Set while the deal is voided (entered by mistake or twice): it then counts nowhere. */
  voided: Voiding | null;
  version: number;
  updatedAt: string;
}

const company = (party: { companyId: string; name: string } | null): CompanyRef | null =>
  party && { companyId: party.companyId, name: party.name };

export function toDealView(state: DealState): DealView {
  return {
    dealId: state.dealId,
    status: state.status!,
    acquirer: company(state.acquirer),
    target: company(state.target),
    seller: company(state.seller),
    dealType: state.dealType,
    consideration: state.consideration?.current.value ?? null,
    value: state.value?.current.value ?? null,
    initialValue: state.value?.initial?.value ?? null,
    valueUsd: state.value?.current.usd ?? null,
    pricePerShare: state.pricePerShare?.current.value ?? null,
    initialPricePerShare: state.pricePerShare?.initial?.value ?? null,
    stakePercent: state.stakePercent?.current.value ?? null,
    rumoredOn: state.rumoredOn,
    announcedOn: state.announcedOn,
    expectedCloseOn: state.expectedCloseOn,
    closedOn: state.closedOn,
    endedOn: state.endedOn,
    durationDays: durationDays(state),
    contested: state.contested,
    regulatory: state.regulatory,
    shareholderVotes: state.shareholderVotes,
    competingBids: state.competingBids.map((bid) => ({ ...bid, bidder: company(bid.bidder)! })),
    terminationFee: state.terminationFee,
    voided: state.voided,
    version: state.version,
    updatedAt: state.updatedAt!,
  };
}

const DAY_MS = 86_400_000;

/** From the announcement (or the rumour, when never announced) to the close or end; null while open. */
function durationDays(state: DealState): number | null {
  const start = state.announcedOn ?? state.rumoredOn;
  const end = state.closedOn ?? state.endedOn;
  if (!start || !end) return null;
  return Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
}
