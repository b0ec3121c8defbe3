import type { DataSource } from 'typeorm';
import { dealStreamId } from '../deal-stream.js';

/** The stream a deal's events are in (deal_stream_id, deal-stream.sql). */
export async function dealStreamOf(dataSource: DataSource, dealId: string): Promise<string> {
  const [row]: { stream: string }[] = await dataSource.query('SELECT deal_stream_id($1::uuid, $2) AS stream', [dealId, dealStreamId(dealId)]);
  return row.stream;
}
