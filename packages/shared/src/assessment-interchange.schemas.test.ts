import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessmentInterchangeJsonSchema } from './assessment-interchange.schemas.ts';

const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../schemas/assessment-interchange.schema.json',
);

describe('assessment interchange JSON Schema', () => {
  it('matches the checked-in schema file (UPDATE_INTERCHANGE_SCHEMA=1 rewrites it)', () => {
    const generated = `${JSON.stringify(assessmentInterchangeJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_INTERCHANGE_SCHEMA === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });
});
