import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DealEventInput } from '../domain/deal.events.js';
import { DealWriter } from './deal-writer.js';
import type { DealWriteContext, WriteResult } from './write-context.js';

/** POST /deals/{dealId}/events: record one more event of an existing deal. */
export class RecordDealEventCommand extends Command<WriteResult> {
  constructor(
    readonly dealId: string,
    readonly event: DealEventInput,
    readonly context: DealWriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordDealEventCommand)
export class RecordDealEventHandler implements ICommandHandler<RecordDealEventCommand, WriteResult> {
  constructor(private readonly writer: DealWriter) {}

  execute({ dealId, event, context }: RecordDealEventCommand): Promise<WriteResult> {
    return this.writer.execute({ kind: 'RecordDealEvent', dealId, event }, context);
  }
}
