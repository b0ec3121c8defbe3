// Bulk import of event bodies as the REST API takes them, one JSON object per line, each with its `dealId` (NDJSON): for analysts moving
// a spreadsheet or a vendor export in, company profile lines included (as PATCH /companies/{companyId} takes them). The same rules as the REST writes: every line is validated as POST /deals
// (a deal's first line) or POST /deals/{dealId}/events would validate it, and decided on the deal as it stands. A
// refused line is reported, never appended, and the deal's later lines are decided without it. Lines are taken in
// chunks; a chunk's events are appended, with their views, in one transaction (deal_append_batch).
import { v5 as uuidv5 } from 'uuid';
import type { DataSource } from 'typeorm';
import type { PendingEvent } from '../event-store/stored-event.js';
import { type KnownCompanies, companyLookupsFor, learnCompanies } from '../deals/commands/company-directory.js';
import { dealAppendBatch, dealAppendRequest } from '../deals/commands/deal-append.js';
import { loadForWrite } from '../deals/commands/load-for-write.js';
import { stageDealWrite } from '../deals/commands/stage-deal-write.js';
import { dealIdOfStream, dealStreamId, toDealEvent } from '../deals/deal-stream.js';
import type { DealCommand } from '../deals/domain/deal.commands.js';
import { DealDomainError } from '../deals/domain/deal.errors.js';
import { type DealState, dealExists, evolve, initialDealState } from '../deals/domain/deal.js';
import { parseDealEventBody, parseJsonBody } from '../deals/http/dto/parse-deal-event.js';
import { CompanyWriter } from '../companies/commands/company-writer.js';
import { CompanyProfileBody } from '../companies/http/company-bodies.js';
import { type CompanyFacts, decideProfile } from '../deals/domain/company.js';
import { NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { StreamVersionConflict } from '../event-store/event-store.errors.js';
import { RequestValidationError } from '../http/request-validation.error.js';
import { canonicalJson } from '../idempotency/idempotency-keys.js';

/** Lines per transaction: at least 100 events each, unless the file ends first. */
export const CHUNK_LINES = 500;
const MAX_ATTEMPTS = 5;
/** Lines validated between two turns of the event loop. */
const PARSE_SLICE = 25;
// Event ids derive from the line, so importing the same file again appends nothing twice.
const IMPORT_NAMESPACE = '4d0c7b6e-2a51-4f0e-8d3b-9b1f6c2e7a90';

export interface RefusedLine {
  line: number;
  dealId: string | null;
  code: string;
  message: string;
}

export interface ImportReport {
  lines: number;
  appended: number;
  /** Lines whose event a previous import of the same file already appended. */
  alreadyImported: number;
  deals: number;
  refused: RefusedLine[];
  seconds: number;
}

interface Line {
  line: number;
  text: string;
}

interface Accepted {
  line: number;
  dealId: string;
  eventId: string;
  command: DealCommand;
}

interface ParsedChunk {
  profiles: Line[];
  accepted: Accepted[];
}

export class DealImporter {
  private readonly report: ImportReport = { lines: 0, appended: 0, alreadyImported: 0, deals: 0, refused: [], seconds: 0 };
  private readonly deals = new Set<string>();
  /** How many lines of each deal (or company profile) came before, for the event ids. */
  private readonly linesBefore = new Map<string, number>();

  private readonly companies: CompanyWriter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly actor: string,
  ) {
    this.companies = new CompanyWriter(dataSource);
  }

  async run(lines: AsyncIterable<string>, onChunk?: (report: ImportReport) => void): Promise<ImportReport> {
    const started = Date.now();
    // One chunk is written while the next is read and validated: parsing needs no database, so the two overlap
    // (in a profile of W3, validation was a quarter of the importer's Node time). Chunks are still written one at a time,
    // in order, and each is decided on what the one before it wrote.
    let writing: Promise<void> = Promise.resolve();
    const write = async (chunk: ParsedChunk) => {
      await writing;
      writing = this.importChunk(chunk).then(() => onChunk?.(this.report));
      // Awaited before the next chunk is written (or at the end); until then a failure must not count as unhandled.
      writing.catch(() => {});
    };
    let chunk: Line[] = [];
    try {
      for await (const text of lines) {
        this.report.lines++;
        if (text.trim() === '') continue;
        chunk.push({ line: this.report.lines, text });
        if (chunk.length >= CHUNK_LINES) {
          await write(await this.parseChunk(chunk));
          chunk = [];
        }
      }
      if (chunk.length > 0) await write(await this.parseChunk(chunk));
    } catch (error) {
      // The input failed (or a chunk did): no write is left running behind the caller's back.
      await writing.catch(() => {});
      throw error;
    }
    await writing;
    this.report.deals = this.deals.size;
    this.report.refused.sort((a, b) => a.line - b.line);
    this.report.seconds = (Date.now() - started) / 1000;
    onChunk?.(this.report);
    return this.report;
  }

  /**
   * Validates a chunk's lines (refusing those that fail) and sets its company profile lines aside. It lets the event
   * loop in every few lines, so the chunk before it goes on to its append as soon as its read is back, and this
   * validation runs while that append does.
   */
  private async parseChunk(lines: Line[]): Promise<ParsedChunk> {
    const profiles: Line[] = [];
    const accepted: Accepted[] = [];
    for (const [i, line] of lines.entries()) {
      if (i % PARSE_SLICE === 0) await new Promise(setImmediate);
      let body: unknown;
      try {
        body = JSON.parse(line.text);
      } catch {
        this.refuse(line.line, null, 'VALIDATION_FAILED', 'the line is not valid JSON');
        continue;
      }
      // A company's facts rather than a deal's event.
      if ((body as { type?: unknown })?.type === 'company_profiled') profiles.push(line);
      else accepted.push(...this.parse(line.line, body));
    }
    return { profiles, accepted };
  }

  private async importChunk({ profiles, accepted }: ParsedChunk): Promise<void> {
    let pending = accepted;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const moved = await this.decideAndAppend(pending);
      if (moved.size > 0 && attempt >= MAX_ATTEMPTS) {
        throw new StreamVersionConflict(dealStreamId([...moved][0]), -1);
      }
      // Another writer changed these deals meanwhile: decide their lines again on what is there now.
      pending = pending.filter((l) => moved.has(l.dealId));
    }
    // After the chunk's deals, so a profile may name a company first seen in them.
    for (const line of profiles) await this.importProfile(line);
  }

  /**
   * A company profile line, {"companyId" | "name", "type": "company_profiled", facts…}: validated and decided as
   * PATCH /companies/{companyId} would, for a company some deal already named (by id, or by a name as a deal party's
   * is matched).
   */
  private async importProfile({ line, text }: Line): Promise<void> {
    const { type: _type, companyId, name, ...facts } = JSON.parse(text) as Record<string, unknown>;
    const problem =
      (companyId === undefined) === (name === undefined)
        ? 'companyId or name: give exactly one, the company profiled'
        : companyId !== undefined && !(typeof companyId === 'string' && isUUID(companyId))
          ? 'companyId: must be a UUID'
          : name !== undefined && !(typeof name === 'string' && name.trim() !== '')
            ? 'name: must be a company name'
            : null;
    if (problem) return void this.refuse(line, null, 'VALIDATION_FAILED', problem);
    let changes: Partial<CompanyFacts>;
    try {
      changes = parseJsonBody(CompanyProfileBody, facts) as Partial<CompanyFacts>;
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      return void this.refuse(line, null, 'VALIDATION_FAILED', error.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    }
    const id = typeof companyId === 'string' ? companyId.toLowerCase() : await this.companies.companyNamed(name as string);
    if (!id) return void this.refuse(line, null, 'RULE_VIOLATED', `No deal names a company "${String(name)}": import its deals first.`);
    const n = this.linesBefore.get(`company|${id}`) ?? 0;
    this.linesBefore.set(`company|${id}`, n + 1);
    const eventId = uuidv5(`company|${id}|${n}|${canonicalJson(facts)}`, IMPORT_NAMESPACE);
    const [{ imported }]: { imported: boolean }[] = await this.dataSource.query('SELECT EXISTS (SELECT FROM events WHERE event_id = $1) AS imported', [eventId]);
    if (imported) return void this.report.alreadyImported++;
    try {
      await this.companies.write(id, { actor: this.actor }, async (state) => decideProfile(state, changes), eventId);
      this.report.appended++;
    } catch (error) {
      if (error instanceof NotFoundException) return void this.refuse(line, null, 'NOT_FOUND', error.message);
      if (!(error instanceof DealDomainError)) throw error;
      this.refuse(line, null, error.code, error.message);
    }
  }

  private parse(line: number, body: unknown): Accepted[] {
    const dealId = (body as { dealId?: unknown })?.dealId;
    try {
      const parsed = parseDealEventBody(body, { allowDealId: true });
      if (!parsed.dealId) return this.refuse(line, null, 'VALIDATION_FAILED', 'dealId: every line needs the deal it belongs to');
      const n = this.linesBefore.get(parsed.dealId) ?? 0;
      this.linesBefore.set(parsed.dealId, n + 1);
      const eventId = uuidv5(`${parsed.dealId}|${n}|${canonicalJson(body)}`, IMPORT_NAMESPACE);
      return [{ line, dealId: parsed.dealId, eventId, command: { kind: 'RecordDealEvent', dealId: parsed.dealId, event: parsed.event } }];
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      const message = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return this.refuse(line, typeof dealId === 'string' ? dealId : null, 'VALIDATION_FAILED', message);
    }
  }

  private refuse(line: number, dealId: string | null, code: string, message: string): [] {
    this.report.refused.push({ line, dealId, code, message });
    return [];
  }

  /** Decides and appends the lines; answers the deals that moved on meanwhile (nothing of theirs was appended). */
  private async decideAndAppend(lines: Accepted[]): Promise<Set<string>> {
    const dealIds = [...new Set(lines.map((l) => l.dealId))];
    const db = { db: this.dataSource, prepared: false };
    const snapshot = await loadForWrite(db, dealIds, companyLookupsFor(lines.map((l) => l.command)), undefined, 0);
    const before = new Map<string, DealState>();
    for (const stored of snapshot.history) {
      const dealId = dealIdOfStream(stored.streamId);
      before.set(dealId, evolve(before.get(dealId) ?? initialDealState(dealId), toDealEvent(stored)));
    }
    const known: KnownCompanies = {
      byName: { ...snapshot.known.byName },
      byMatchKey: { ...snapshot.known.byMatchKey },
      existingIds: [...snapshot.known.existingIds],
    };
    const after = new Map(before);
    const appended = new Map<string, PendingEvent[]>();
    const refused: RefusedLine[] = [];
    const skipped = new Set<string>();
    for (const line of lines) {
      const state = after.get(line.dealId) ?? initialDealState(line.dealId);
      if (state.history.some((e) => e.eventId === line.eventId)) {
        skipped.add(line.eventId);
        continue;
      }
      try {
        const command: DealCommand = { ...line.command, kind: dealExists(state) ? 'RecordDealEvent' : 'StartDeal' };
        const staged = stageDealWrite(state, command, {
          streamId: snapshot.streams[line.dealId],
          known,
          now: snapshot.now,
          metadata: { actor: this.actor },
          // The line's event gets the line's id; any further event decided with it, ids derived from that.
          eventId: (i) => (i === 0 ? line.eventId : uuidv5(`${line.eventId}|${i}`, IMPORT_NAMESPACE)),
        });
        after.set(line.dealId, staged.after);
        appended.set(line.dealId, [...(appended.get(line.dealId) ?? []), ...staged.events]);
        learnCompanies(known, staged.events.map(toDealEvent));
      } catch (error) {
        if (!(error instanceof DealDomainError)) throw error;
        refused.push({ line: line.line, dealId: line.dealId, code: error.code, message: error.message });
      }
    }
    const requests = [...appended].map(([dealId, events]) => dealAppendRequest(before.get(dealId)?.version ?? 0, events, after.get(dealId)!, null));
    const outcomes = requests.length > 0 ? await dealAppendBatch(db, requests) : [];
    // The batch is one transaction, but a deal that moved on is skipped in it, not failed: the others are in.
    const moved = new Set<string>();
    outcomes.forEach((outcome, i) => {
      if ('conflict' in outcome) moved.add(dealIdOfStream(requests[i].streamId));
      else if ('events' in outcome) this.report.appended += outcome.events.length;
    });
    // Counted only for deals that went in: the lines of a deal that moved on are decided again.
    this.report.refused.push(...refused.filter((r) => !moved.has(r.dealId!)));
    this.report.alreadyImported += lines.filter((l) => skipped.has(l.eventId) && !moved.has(l.dealId)).length;
    // The deals the file's events are in: not one whose every line was refused.
    const refusedLines = new Set(refused.map((r) => r.line));
    for (const line of lines) if (!moved.has(line.dealId) && !refusedLines.has(line.line)) this.deals.add(line.dealId);
    return moved;
  }
}
