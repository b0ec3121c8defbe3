// The deal's events as plain typed objects: what an analyst posts (the body of the HTTP contract) and what the log keeps.

/** A decimal string amount with an ISO 4217 currency. Never a JavaScript number. */
export interface Money {
  amount: string;
  currency: string;
}

/** A party as posted: a name, optionally pinned to an existing company. */
export interface PartyInput {
  name: string;
  companyId?: string;
}

/** A party as stored in an event, always resolved to a company id. */
export interface Party {
  name: string;
  companyId: string;
}

/** The fields of an event that name a company (a competing bid's bidder and an advisor too). */
export const PARTY_FIELDS = ['acquirer', 'target', 'seller', 'bidder', 'advisor'] as const;
export type PartyField = (typeof PARTY_FIELDS)[number];

/** The parties an event names, each with the field that names it. */
export function partiesNamed<P extends PartyInput>(event: object): [PartyField, P][] {
  return PARTY_FIELDS.flatMap((field) => {
    const party = (event as Partial<Record<PartyField, P>>)[field];
    return party ? [[field, party] as [PartyField, P]] : [];
  });
}

export interface Source {
  url?: string;
  publisher?: string;
  publishedOn?: string;
  language?: string;
  title?: string;
}

export const CONSIDERATIONS = ['cash', 'stock', 'mixed'] as const;
export type Consideration = (typeof CONSIDERATIONS)[number];

export const DEAL_TYPES = ['acquisition', 'merger', 'majority_stake', 'minority_stake', 'asset_purchase'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

/** `challenged`: the authority sued or opened an in-depth challenge; not terminal (a deal may still close). */
export const REGULATORY_DECISIONS = ['filed', 'approved', 'approved_with_remedies', 'referred', 'challenged', 'blocked'] as const;
export type RegulatoryDecision = (typeof REGULATORY_DECISIONS)[number];

export const VOTE_PARTIES = ['target', 'acquirer'] as const;
export type VoteParty = (typeof VOTE_PARTIES)[number];

export const VOTE_OUTCOMES = ['approved', 'rejected'] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

export const TERMINATION_SIDES = ['acquirer', 'target'] as const;
export type TerminationSide = (typeof TERMINATION_SIDES)[number];

/** Who paid a termination fee. */
export const FEE_PAYERS = ['target', 'acquirer'] as const;
export type FeePayer = (typeof FEE_PAYERS)[number];

/** The target board's stance. */
export const ATTITUDES = ['friendly', 'hostile', 'unsolicited'] as const;
export type Attitude = (typeof ATTITUDES)[number];

/** How the offer is made. */
export const OFFER_STRUCTURES = ['one_step_merger', 'tender_offer', 'scheme_of_arrangement', 'other'] as const;
export type OfferStructure = (typeof OFFER_STRUCTURES)[number];

/** Whom an advisor advised, and as what. */
export const ADVISOR_SIDES = ['acquirer', 'target', 'seller'] as const;
export type AdvisorSide = (typeof ADVISOR_SIDES)[number];
export const ADVISOR_ROLES = ['financial', 'legal'] as const;
export type AdvisorRole = (typeof ADVISOR_ROLES)[number];

/** Deal terms; each field is tracked on its own (latest business date wins). */
export interface Terms {
  value?: Money;
  pricePerShare?: Money;
  consideration?: Consideration;
  stakePercent?: number;
  /** The same value in other currencies, as a source reported it. */
  equivalents?: Money[];
}

/** The terms of the deal itself (rumored, announced, priced; a competing bid carries only `Terms`). */
export interface DealTerms extends Terms {
  /** 100 % of the target including net debt, as reported. */
  enterpriseValue?: Money;
  /** 100 % of the target's equity, as reported. */
  equityValue?: Money;
  /** Share of the consideration paid in cash, 0–100. */
  cashPercent?: number;
  /** Acquirer shares per target share: a decimal string. */
  exchangeRatio?: string;
  /** Premium over the unaffected share price, as reported: a decimal string, may be negative. */
  premiumPercent?: string;
  /** The break fee the target pays. */
  targetTerminationFee?: Money;
  /** The break fee the acquirer pays. */
  reverseTerminationFee?: Money;
  expectedCloseOn?: string;
  /** The date after which either side may walk away. */
  outsideDate?: string;
  attitude?: Attitude;
  offerStructure?: OfferStructure;
}

interface Common {
  occurredOn: string;
  source?: Source;
  note?: string;
}

export interface RumoredData extends Common, DealTerms {
  type: 'rumored';
  acquirer: Party;
  target: Party;
  seller?: Party;
  /** What the acquirer held of the target before, 0 ≤ x < 100. */
  stakeHeldBeforePercent?: number;
}

export interface AnnouncedData extends Common, DealTerms {
  type: 'announced';
  acquirer: Party;
  target: Party;
  seller?: Party;
  dealType?: DealType;
  stakeHeldBeforePercent?: number;
}

/** The terms changed: carries at least one of them. */
export interface PricedData extends Common, DealTerms {
  type: 'priced';
}

export interface CompetingBidData extends Common, Terms {
  type: 'competing_bid';
  bidder: Party;
}

export interface RegulatoryData extends Common {
  type: 'regulatory';
  authority: string;
  /** ISO 3166-1 alpha-2, or EU (events recorded before v1.1 may hold free text). */
  jurisdiction?: string;
  decision: RegulatoryDecision;
  /** Only with `approved_with_remedies`. */
  remedies?: string;
}

/** A financial or legal advisor of one side; often published after the closing, so it may be back-filled. */
export interface AdvisorRetainedData extends Common {
  type: 'advisor_retained';
  advisor: Party;
  side: AdvisorSide;
  role: AdvisorRole;
}

export interface ShareholderVoteData extends Common {
  type: 'shareholder_vote';
  party: VoteParty;
  outcome: VoteOutcome;
}

export interface TerminationAttemptedData extends Common {
  type: 'termination_attempted';
  by: TerminationSide;
  reason?: string;
}

export interface ClosedData extends Common {
  type: 'closed';
  finalValue?: Money;
  equivalents?: Money[];
}

export interface TerminatedData extends Common {
  type: 'terminated';
  reason?: string;
  terminationFee?: Money;
  feePaidBy?: FeePayer;
}

export interface WithdrawnData extends Common {
  type: 'withdrawn';
  reason?: string;
}

/** The deal was entered by mistake (or twice): it counts nowhere from then on, until the voiding is retracted. */
export interface VoidedData extends Common {
  type: 'voided';
  reason: string;
  /** The deal this one duplicates, when that is why. */
  duplicateOf?: string;
}

export interface RetractedData extends Common {
  type: 'retracted';
  /**
   * The event of this deal that no longer counts (posted as `eventId`). Named apart from the `eventId` the store
   * gives every event, so a recorded retraction keeps both its own id and its target.
   */
  retractedEventId: string;
  reason: string;
}

/** An event's own content: what `decide` produces and the log stores (with `occurredOn` in its own column). */
export type DealEventData =
  | RumoredData
  | AnnouncedData
  | PricedData
  | CompetingBidData
  | RegulatoryData
  | AdvisorRetainedData
  | ShareholderVoteData
  | TerminationAttemptedData
  | ClosedData
  | TerminatedData
  | WithdrawnData
  | VoidedData
  | RetractedData;

export type DealEventType = DealEventData['type'];

export const DEAL_EVENT_TYPES: readonly DealEventType[] = [
  'rumored',
  'announced',
  'priced',
  'competing_bid',
  'regulatory',
  'advisor_retained',
  'shareholder_vote',
  'termination_attempted',
  'closed',
  'terminated',
  'withdrawn',
  'voided',
  'retracted',
];

/** An event as recorded in the log: its content plus what the store assigned. */
export type RecordedDealEvent = DealEventData & {
  eventId: string;
  version: number;
  recordedAt: string;
  actor: string;
};

/** The same shapes with unresolved parties: what an analyst posts. */
type WithInputParties<T> = {
  [K in keyof T]: T[K] extends Party ? PartyInput : T[K] extends Party | undefined ? PartyInput | undefined : T[K];
};
/** A retraction as posted: its target is the body's `eventId`. */
export type RetractedInput = Omit<RetractedData, 'retractedEventId'> & { eventId: string };
export type DealEventInput =
  | (Exclude<DealEventData, RetractedData> extends infer E ? (E extends DealEventData ? WithInputParties<E> : never) : never)
  | RetractedInput;
