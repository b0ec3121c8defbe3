import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deal ids are case-insensitive from here on. An earlier release kept the letter case a client sent, so a database
 * may hold a deal's stream under an id in capitals (or a second stream opened with the capitalised id of an existing
 * deal). This read table, filled by rebuilds, names a deal's own stream when it is not the one its lower-case id
 * gives; the rebuild reports the streams it leaves out.
 */
export class DealStreamAliases1764700000000 implements MigrationInterface {
  name = 'DealStreamAliases1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deal_stream_aliases (
        deal_id   uuid PRIMARY KEY,
        stream_id text NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE deal_stream_aliases');
  }
}
