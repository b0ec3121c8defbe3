// PATCH /companies/{id} and POST /companies/{id}/merge: read the company's stream, decide (company.ts), append one event
// and project it in one statement (company_append, company-views.sql).
import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AppendOutcome, appendRequest, settle } from '../../event-store/append.js';
import { EventStore } from '../../event-store/event-store.js';
import { StreamVersionConflict } from '../../event-store/event-store.errors.js';
import { type WriteContext, metadataOf } from '../../event-store/write-context.js';
import { type IdempotentRequest, type Prior, idempotencyClaim, replayPrior } from '../../idempotency/idempotency-keys.js';
import { companyMatchKey, normalizeCompanyName } from '../../deals/domain/company-id.js';
import { RuleViolated } from '../../deals/domain/deal.errors.js';
import { type CompanyEventData, type CompanyState, companyStreamOf, foldCompany } from '../../deals/domain/company.js';

export interface CompanyWriteContext extends WriteContext {
  /** From If-Match: the company version the client saw; '*' only requires the company to exist. */
  ifMatch?: number | '*';
}

export interface CompanyWriteResult {
  companyId: string;
  version: number;
}

/** The company has moved on since the version the client saw. */
export class CompanyVersionMismatch extends Error {
  readonly code = 'VERSION_MISMATCH';
  constructor(expected: number, actual: number) {
    super(`The company is at version ${actual}, not ${expected}: read it again.`);
  }
}

/** Other writes to the company kept landing first. */
export class CompanyWriteConflict extends Error {
  readonly code = 'WRITE_CONFLICT';
  constructor() {
    super('Other writes to this company kept landing first; read it again and retry.');
  }
}

const ATTEMPTS = 5;

@Injectable()
export class CompanyWriter {
  private readonly store: EventStore;

  constructor(private readonly dataSource: DataSource) {
    this.store = new EventStore(dataSource);
  }

  /** The company as its stream has it; 404 when no deal ever named it (422 when the body's `field` names it). */
  async load(companyId: string, field?: string): Promise<CompanyState> {
    const [{ seen }]: { seen: boolean }[] = await this.dataSource.query('SELECT EXISTS (SELECT FROM company_names WHERE company_id = $1) AS seen', [
      companyId,
    ]);
    if (!seen && field) throw new RuleViolated(`${field} ${companyId} is not a known company.`);
    if (!seen) throw new NotFoundException(`No company with id ${companyId} has been seen.`);
    const events = await this.store.readStream(companyStreamOf(companyId));
    return foldCompany(companyId, events.map((e) => ({ type: e.type, ...e.data }) as CompanyEventData));
  }

  /**
   * The company a name stands for, as a deal's party would be resolved (company-directory.ts): the name seen, else
   * another spelling with its match key; the one a merged company went to. Null when no deal named it.
   */
  async companyNamed(name: string): Promise<string | null> {
    const [row]: { company_id: string }[] = await this.dataSource.query(
      `SELECT company_alias(company_id) AS company_id FROM company_names WHERE normalized_name = $1 OR match_key = $2
       ORDER BY normalized_name = $1 DESC, first_seen_at, company_id LIMIT 1`,
      [normalizeCompanyName(name), companyMatchKey(name)],
    );
    return row?.company_id ?? null;
  }

  /** Decides on the company as it stands and appends; a write that lost a race decides again on the newer state. */
  async write(
    companyId: string,
    context: CompanyWriteContext,
    decide: (state: CompanyState) => Promise<CompanyEventData>,
    eventId: string = randomUUID(),
  ): Promise<CompanyWriteResult> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // A retry of a write that went in answers as it did, before anything is decided again (a merge is then refused).
      const prior = context.idempotency && (await this.priorAnswer(context.idempotency));
      if (prior) return replayPrior<CompanyWriteResult>(context.idempotency!, prior);
      const state = await this.load(companyId);
      if (typeof context.ifMatch === 'number' && context.ifMatch !== state.version) throw new CompanyVersionMismatch(context.ifMatch, state.version);
      const { type, ...data } = await decide(state);
      const result = { companyId, version: state.version + 1 };
      const today = new Date().toISOString().slice(0, 10);
      const event = { eventId, type, occurredOn: today, data };
      // A profile does not depend on the facts before it: without If-Match it goes at the end of the stream, as long as
      // the company was not merged meanwhile (company_append checks under its lock); a merge needs the version it read.
      const profile = type === 'company_profiled' && context.ifMatch === undefined;
      const expected = profile ? null : state.version;
      const request = appendRequest(companyStreamOf(companyId), expected, [event], metadataOf(context), idempotencyClaim(context.idempotency, { ...result }));
      const appending = this.dataSource.query('SELECT company_append($1::jsonb) AS outcome', [JSON.stringify({ ...request, unlessMerged: profile })]);
      const outcome = await settle(request, appending.then(([row]) => row.outcome as AppendOutcome)).catch((error: unknown) => {
        if (error instanceof StreamVersionConflict) return null;
        throw error;
      });
      if (outcome === null) {
        if (typeof context.ifMatch === 'number') throw new CompanyVersionMismatch(context.ifMatch, state.version + 1);
        continue;
      }
      if ('prior' in outcome) return replayPrior<CompanyWriteResult>(context.idempotency!, outcome.prior);
      return { companyId, version: outcome.events[0].version };
    }
    throw new CompanyWriteConflict();
  }

  private async priorAnswer({ actor, key }: IdempotentRequest): Promise<Prior | undefined> {
    const [row]: Prior[] = await this.dataSource.query(
      `SELECT request_hash AS "requestHash", response FROM idempotency_keys WHERE actor = $1 AND key = $2 AND response IS NOT NULL`,
      [actor, key],
    );
    return row;
  }
}
