// Domain refusals. The HTTP layer maps each to its status and code from the HTTP contract.

export abstract class DealDomainError extends Error {
  abstract readonly code: 'DEAL_NOT_FOUND' | 'DEAL_EXISTS' | 'INVALID_TRANSITION' | 'RULE_VIOLATED';
}

export class DealNotFound extends DealDomainError {
  readonly code = 'DEAL_NOT_FOUND';
  constructor(dealId: string, detail?: string) {
    super(detail ?? `Deal ${dealId} does not exist.`);
  }
}

export class DealAlreadyExists extends DealDomainError {
  readonly code = 'DEAL_EXISTS';
  constructor(dealId: string) {
    super(`Deal ${dealId} already exists; post further events to /deals/${dealId}/events.`);
  }
}

export class InvalidTransition extends DealDomainError {
  readonly code = 'INVALID_TRANSITION';
}

export class RuleViolated extends DealDomainError {
  readonly code = 'RULE_VIOLATED';
}
