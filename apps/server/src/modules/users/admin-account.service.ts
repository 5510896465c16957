import { checkNewPassword, isAdmin } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { createVersionedWriter } from '../../kernel/versioned-write.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';
import type { PasswordHasher } from '../auth/password-hasher.ts';
import { insertAdministrator } from './insert-account.ts';

/**
 * Creating a system administrator outside the web (the CLI's `create-admin`, called with a
 * `systemContext`): the same checks and audit entry as any account, so the CLI never writes to the
 * repositories itself.
 */
export function createAdminAccountService(deps: {
  repositories: Repositories;
  hasher: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
}) {
  const { repositories, hasher, clock, ids } = deps;
  const write = createVersionedWriter({ repositories, audit: deps.audit });
  return {
    async createAdministrator(
      ctx: ServiceContext,
      input: { username: string; email: string | null; displayName: string; password: string },
    ): Promise<{ id: string; username: string }> {
      if (!isAdmin(ctx.actor)) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
      const problems = checkNewPassword(input.password, { username: input.username });
      if (problems.length > 0) throw new AppError('VALIDATION_ERROR', problems.join(' '));
      const username = input.username.toLowerCase();
      const clash = new AppError(
        'CONFLICT',
        `Tên đăng nhập hoặc e-mail đã có người dùng: “${input.username}”.`,
      );
      const passwordHash = await hasher.hash(input.password);
      const id = ids.next();
      try {
        await write(ctx, async (tx, record) => {
          if ((await tx.users.findByUsernameOrEmail(input.username, input.email)).length > 0)
            throw clash;
          const now = clock.now().toISOString();
          await insertAdministrator(
            tx,
            ids,
            {
              id,
              username: input.username,
              email: input.email,
              displayName: input.displayName,
              passwordHash,
            },
            now,
          );
          await record({
            action: 'user.create',
            entityType: 'user',
            entityId: id,
            unit: null,
            summary: `Tạo quản trị viên “${username}” bằng dòng lệnh`,
            after: { username, displayName: input.displayName, roles: ['admin'] },
          });
        });
      } catch (error) {
        // A simultaneous creation of the same name committed first.
        if (isUniqueViolation(error)) throw clash;
        throw error;
      }
      return { id, username };
    },
  };
}
