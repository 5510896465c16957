/**
 * Writes the evidence-list fixtures (danh mục minh chứng in the shapes schools keep) and their
 * `.expected.json` listings beside this script. Run from the repository root:
 *   npx tsx packages/documents/test-fixtures/evidence-lists/make-evidence-fixtures.ts
 * The shapes and texts are defined in packages/documents/src/evidence-import/evidence-list.fixtures.ts.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVIDENCE_FIXTURES } from '../../src/evidence-import/evidence-list.fixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));
for (const fixture of EVIDENCE_FIXTURES) {
  const bytes = await fixture.build();
  writeFileSync(join(here, fixture.file), bytes);
  writeFileSync(
    join(here, `${fixture.file}.expected.json`),
    `${JSON.stringify({ what: fixture.what, entries: fixture.expected }, null, 2)}\n`,
  );
  console.log(`${fixture.file}: ${bytes.length} bytes, ${fixture.expected.length} entries`);
}
