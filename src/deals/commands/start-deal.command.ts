import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DealEventInput } from '../domain/deal.events.js';
import { DealWriter } from './deal-writer.js';
import type { DealWriteContext, WriteResult } from './write-context.js';

/** POST /deals: open a deal with its first event (rumored or announced). */
export class StartDealCommand extends Command<WriteResult> {
  constructor(
    readonly dealId: string,
    readonly event: DealEventInput,
    readonly context: DealWriteContext,
  ) {
    super();
  }
}

@CommandHandler(StartDealCommand)
export class StartDealHandler implements ICommandHandler<StartDealCommand, WriteResult> {
  constructor(private readonly writer: DealWriter) {}

  execute({ dealId, event, context }: StartDealCommand): Promise<WriteResult> {
    return this.writer.execute({ kind: 'StartDeal', dealId, event }, context);
  }
}
