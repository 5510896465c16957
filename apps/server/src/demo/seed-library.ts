import { indexApprovedPlan } from '@caitien/db';
import type { DemoExtension } from './demo-extension.ts';

/** Plans indexed per transaction: a few thousand entries and their words at a time. */
const BATCH = 50;

/**
 * Demo extension (issue 14): fills the solution library from the demo's approved plans, as their
 * approval would have (`indexApprovedPlan`: entries + word index), in batches of plans per
 * transaction. Deterministic: it only copies what the seeder wrote.
 */
export const seedLibrary: DemoExtension = {
  name: 'solution-library',
  async seed({ db, plans }) {
    const approved = plans.filter((p) => p.status === 'approved').map((p) => p.planId);
    let entries = 0;
    for (let i = 0; i < approved.length; i += BATCH) {
      const batch = approved.slice(i, i + BATCH);
      entries += await db.transaction().execute(async (trx) => {
        let n = 0;
        for (const planId of batch) n += await indexApprovedPlan(trx, planId);
        return n;
      });
    }
    return { libraryEntries: entries };
  },
};
