import type { DatabaseHandle } from "./client.js";
import { activitiesRepo } from "./repos/activities.js";
import { branchesRepo } from "./repos/branches.js";
import { keptReads } from "./keptReads.js";
import { inboxRepo } from "./repos/inbox.js";
import { invitesRepo } from "./repos/invites.js";
import { ledgerQueriesRepo } from "./repos/ledgerQueries.js";
import { membersRepo } from "./repos/members.js";
import { membershipsRepo } from "./repos/memberships.js";
import { remindersRepo } from "./repos/reminders.js";
import { sessionsRepo } from "./repos/sessions.js";
import { RECORD_TABLES, RecordTouches } from "./recordTouches.js";
import { prismaRunner, sqliteRunner } from "./statements.js";

/** Bump when the shape of stored conversation state changes incompatibly. */
export const CONVERSATION_STATE_VERSION = 1;

/** Everything the bot and the jobs may ask of the database; plain objects in and out. */
export function createStore(db: DatabaseHandle) {
  const { prisma } = db;
  const runner = db.sqlite ? sqliteRunner(db.sqlite) : prismaRunner(prisma);
  const sqlite = db.sqlite;
  // The records this process writes, so that kept periods read again only those (keptReads' facts).
  const touches = sqlite && new RecordTouches(() => sqlite.writes(RECORD_TABLES));
  return {
    members: membersRepo(prisma, runner),
    // The roster, kept between reports (many branches, small entries).
    branches: branchesRepo(prisma, runner, keptReads(runner, db.sqlite, { max: 1000 })),
    memberships: membershipsRepo(prisma),
    invites: invitesRepo(prisma),
    activities: activitiesRepo(prisma, runner, touches),
    reminders: remindersRepo(prisma),
    inbox: inboxRepo(prisma, db.sqlite),
    ledger: ledgerQueriesRepo(prisma, db.kind, keptReads(runner, db.sqlite, { touches })),
    sessions: sessionsRepo(prisma, runner, CONVERSATION_STATE_VERSION),
    kind: db.kind,
    close: () => db.close(),
  };
}

export type Store = ReturnType<typeof createStore>;
