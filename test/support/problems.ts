import type { Response } from 'supertest';

/** Checks a 400 is a VALIDATION_FAILED problem and returns the fields it names, in order. */
export function validationFields(res: Response): string[] {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  return res.body.errors.map((e: { field: string }) => e.field);
}
