import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';

/** Code a user writes in a catch block; each `@ts-expect-error` line must fail to compile. */
const CONSUMER = `
import Clerk, { APIError, NotFoundError, isInvitationsRevokeError, type ClerkErrors } from '@sdkgen/clerk';

export async function use(clerk: Clerk): Promise<void> {
  try {
    await clerk.invitations.revoke('inv_1');
  } catch (e) {
    if (e instanceof NotFoundError) {
      // @ts-expect-error an error's body is unknown until something says which operation's it is
      const n: number = e.error;
      void n;
    }
    if (isInvitationsRevokeError(e)) {
      const body: ClerkErrors = e.error;
      const status: 400 | 404 = e.status;
      // @ts-expect-error a declared body is what the spec says, and that is not a number
      const n: number = e.error;
      void [body, status, n];
    }
    if (e instanceof APIError) {
      // @ts-expect-error the same on the base class
      const s: string = e.error;
      void s;
    }
  }
}
`;

describe('error bodies are never any', () => {
  it('an error body is unknown, or the declared type after the operation\'s guard; reading it as a number fails to compile', () => {
    const file = join(ROOT, 'test/.examples/typed-errors/consumer.mts');
    expect(typeCheckFiles({ [file]: CONSUMER }, { ...STRICT_OPTIONS, customConditions: ['sdkgen-source'] })).toEqual([]);
  });
});
