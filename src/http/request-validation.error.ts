import type { FieldError } from './problem.js';

export type { FieldError };

/** A 400 with one entry per field that is wrong. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}
