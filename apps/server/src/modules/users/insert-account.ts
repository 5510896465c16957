import type { Role } from '@caitien/core';
import type { BoundRepositories } from '@caitien/db';
import type { IdGenerator } from '../../ids.ts';

/**
 * Inserts an account with its role grants in the caller's transaction: the one way setup, the CLI's
 * `create-admin` and the user screen create accounts (each adds its own checks and audit entry).
 */
export async function insertAccount(
  tx: BoundRepositories,
  ids: IdGenerator,
  account: Omit<Parameters<BoundRepositories['users']['insert']>[0], 'now'> & {
    roles: readonly { role: Role; unitId: string | null }[];
  },
  now: string,
): Promise<void> {
  const { roles, ...user } = account;
  await tx.users.insert({ ...user, now });
  await tx.users.replaceAssignments(
    account.id,
    roles.map((r) => ({ id: ids.next(), role: r.role, unitId: r.unitId })),
    now,
  );
}

/**
 * A system administrator (setup's first account, the CLI's `create-admin`): no person, no forced
 * password change, the one `admin` grant.
 */
export async function insertAdministrator(
  tx: BoundRepositories,
  ids: IdGenerator,
  account: {
    id: string;
    username: string;
    email: string | null;
    displayName: string;
    passwordHash: string;
  },
  now: string,
): Promise<void> {
  await insertAccount(
    tx,
    ids,
    {
      ...account,
      personId: null,
      mustChangePassword: false,
      roles: [{ role: 'admin', unitId: null }],
    },
    now,
  );
}
