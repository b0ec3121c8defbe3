/** A write refused because the stream moved on; `actual` is its version when the contender knows it. */
export class Conflict extends Error {
  constructor(actual) {
    super('stream version conflict');
    this.actual = actual;
  }
}
