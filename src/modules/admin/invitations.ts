// Invitation links: the invited person chooses their password. They are not signed in yet, so there is no actor to
// run a use case as; like sign-in, the event is recorded as the person themselves through the one helper.
import { hashPassword, passwordProblems, sha256 } from '../../platform/auth/secrets.ts';
import type { Db } from '../../platform/db/connect.ts';
import { Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { recordChange } from '../../platform/usecase/run.ts';
import * as store from './store.ts';

const expired = () => new Problem(410, 'Invitation expired', 'This invitation link has expired or was already used. Ask your administrator for a new one.');

export function invitationService(db: Db) {
  return {
    /** Who an unexpired link is for, or null. */
    async find(token: string): Promise<{ email: string; name: string } | null> {
      const user = await store.invitedUser(db, sha256(token), new Date());
      return user ? { email: user.email, name: user.name } : null;
    },

    async accept(token: string, password: string): Promise<void> {
      const problem = passwordProblems(password);
      if (problem) throw new ValidationProblem([{ field: 'password', message: problem }]);
      const hash = await hashPassword(password);
      await db.transaction().execute(async (tx) => {
        const user = await store.acceptInvitation(tx, sha256(token), hash, new Date());
        if (!user) throw expired();
        await recordChange(tx, user.partnership_id, { id: user.id, label: `${user.name} <${user.email}>` }, 'user.invitation_accepted', {
          type: 'user',
          id: user.id,
        });
      });
    },
  };
}
