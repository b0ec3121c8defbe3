/** The stream was not at the version the writer expected: another writer got there first. */
export class StreamVersionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    /** The stream's version when the writer found out, if known. */
    readonly actualVersion?: number,
  ) {
    super(`Stream ${streamId} is no longer at version ${expectedVersion}.`);
  }
}

export class InvalidCursor extends Error {
  constructor() {
    super('The cursor is not one this server issued.');
  }
}
