// The deal view of the HTTP contract: a pure function of the folded state, so inline updates, rebuilds and as-of reads agree.
import type { Attitude, Consideration, DealType, FeePayer, Money, OfferStructure } from '../domain/deal.events.js';
import type { Advisor, CompetingBid, DealState, DealStatus, RegulatoryStep, ShareholderVote, TermName, TermValues, Voiding } from '../domain/deal.js';

export interface CompanyRef {
  companyId: string;
  name: string;
}

/** A party of the deal: the company, and its country and sector as profiled (null when unknown). */
export interface PartyRef extends CompanyRef {
  country: string | null;
  sector: string | null;
}

export interface DealView {
  dealId: string;
  status: DealStatus;
  acquirer: PartyRef | null;
  target: PartyRef | null;
  seller: PartyRef | null;
  /** Whether acquirer and target countries differ; null unless both are known. */
  crossBorder: boolean | null;
  dealType: DealType | null;
  consideration: Consideration | null;
  value: Money | null;
  initialValue: Money | null;
  valueUsd: string | null;
  pricePerShare: Money | null;
  initialPricePerShare: Money | null;
  enterpriseValue: Money | null;
  initialEnterpriseValue: Money | null;
  /** The enterprise value in USD, converted like valueUsd. */
  enterpriseValueUsd: string | null;
  equityValue: Money | null;
  initialEquityValue: Money | null;
  equityValueUsd: string | null;
  /** What rankValue measures: enterpriseValueUsd when there is one, else valueUsd. */
  rankValueUsd: string | null;
  stakePercent: number | null;
  stakeHeldBeforePercent: number | null;
  cashPercent: number | null;
  initialCashPercent: number | null;
  exchangeRatio: string | null;
  initialExchangeRatio: string | null;
  premiumPercent: string | null;
  initialPremiumPercent: string | null;
  attitude: Attitude | null;
  initialAttitude: Attitude | null;
  offerStructure: OfferStructure | null;
  initialOfferStructure: OfferStructure | null;
  targetTerminationFee: Money | null;
  initialTargetTerminationFee: Money | null;
  reverseTerminationFee: Money | null;
  initialReverseTerminationFee: Money | null;
  rumoredOn: string | null;
  announcedOn: string | null;
  expectedCloseOn: string | null;
  initialExpectedCloseOn: string | null;
  outsideDate: string | null;
  initialOutsideDate: string | null;
  closedOn: string | null;
  endedOn: string | null;
  durationDays: number | null;
  contested: boolean;
  regulatory: RegulatoryStep[];
  shareholderVotes: ShareholderVote[];
  competingBids: (Omit<CompetingBid, 'bidder'> & { bidder: CompanyRef })[];
  advisors: (Omit<Advisor, 'advisor'> & { advisor: CompanyRef })[];
  /** The fee paid on termination, and by whom. */
  terminationFee: Money | null;
  feePaidBy: FeePayer | null;
  /** Set while the deal is voided (entered by mistake or twice): it then counts nowhere. */
  voided: Voiding | null;
  version: number;
  updatedAt: string;
}

const company = (party: { companyId: string; name: string } | null): CompanyRef | null =>
  party && { companyId: party.companyId, name: party.name };
// Company facts are reference data, not deal events: deal-views.sql fills them in (and deal-view-row.ts reads them).
const partyOf = (party: { companyId: string; name: string } | null): PartyRef | null =>
  party && { companyId: party.companyId, name: party.name, country: null, sector: null };

export function toDealView(state: DealState): DealView {
  // A term as it stands (the latest-dated event that carries it), and as first set (announcement or later).
  const current = <K extends TermName>(name: K): TermValues[K] | null => (state[name]?.current.value ?? null) as TermValues[K] | null;
  const initial = <K extends TermName>(name: K): TermValues[K] | null => (state[name]?.initial?.value ?? null) as TermValues[K] | null;
  return {
    dealId: state.dealId,
    status: state.status!,
    acquirer: partyOf(state.acquirer),
    target: partyOf(state.target),
    seller: partyOf(state.seller),
    crossBorder: null,
    dealType: state.dealType,
    consideration: current('consideration'),
    value: current('value'),
    initialValue: initial('value'),
    valueUsd: state.value?.current.usd ?? null,
    pricePerShare: current('pricePerShare'),
    initialPricePerShare: initial('pricePerShare'),
    enterpriseValue: current('enterpriseValue'),
    initialEnterpriseValue: initial('enterpriseValue'),
    enterpriseValueUsd: usdAmount(current('enterpriseValue')),
    equityValue: current('equityValue'),
    initialEquityValue: initial('equityValue'),
    equityValueUsd: usdAmount(current('equityValue')),
    rankValueUsd: usdAmount(current('enterpriseValue')) ?? state.value?.current.usd ?? null,
    stakePercent: current('stakePercent'),
    stakeHeldBeforePercent: current('stakeHeldBeforePercent'),
    cashPercent: current('cashPercent'),
    initialCashPercent: initial('cashPercent'),
    exchangeRatio: current('exchangeRatio'),
    initialExchangeRatio: initial('exchangeRatio'),
    premiumPercent: current('premiumPercent'),
    initialPremiumPercent: initial('premiumPercent'),
    attitude: current('attitude'),
    initialAttitude: initial('attitude'),
    offerStructure: current('offerStructure'),
    initialOfferStructure: initial('offerStructure'),
    targetTerminationFee: current('targetTerminationFee'),
    initialTargetTerminationFee: initial('targetTerminationFee'),
    reverseTerminationFee: current('reverseTerminationFee'),
    initialReverseTerminationFee: initial('reverseTerminationFee'),
    rumoredOn: state.rumoredOn,
    announcedOn: state.announcedOn,
    expectedCloseOn: current('expectedCloseOn'),
    initialExpectedCloseOn: initial('expectedCloseOn'),
    outsideDate: current('outsideDate'),
    initialOutsideDate: initial('outsideDate'),
    closedOn: state.closedOn,
    endedOn: state.endedOn,
    durationDays: durationDays(state),
    contested: state.contested,
    regulatory: state.regulatory,
    shareholderVotes: state.shareholderVotes,
    competingBids: state.competingBids.map((bid) => ({ ...bid, bidder: company(bid.bidder)! })),
    advisors: state.advisors.map((a) => ({ ...a, advisor: company(a.advisor)! })),
    terminationFee: state.terminationFee,
    feePaidBy: state.feePaidBy,
    voided: state.voided,
    version: state.version,
    updatedAt: state.updatedAt!,
  };
}

/** An amount already in USD; any other currency is converted where the FX rates are (deal-views.sql). */
const usdAmount = (money: Money | null): string | null => (money?.currency === 'USD' ? money.amount : null);

const DAY_MS = 86_400_000;

/** From the announcement (or the rumour, when never announced) to the close or end; null while open. */
function durationDays(state: DealState): number | null {
  const start = state.announcedOn ?? state.rumoredOn;
  const end = state.closedOn ?? state.endedOn;
  if (!start || !end) return null;
  return Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
}
