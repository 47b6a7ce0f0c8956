// Builds every service from the database and settings; tests build the same with a test database.
import type { Config } from './config.ts';
import { invitationService } from './modules/admin/invitations.ts';
import { alertsConsumerWith } from './modules/alerts/consumer.ts';
import { notificationConsumerWith } from './modules/notifications/consumer.ts';
import { transitionConsumer } from './modules/transition/plans.ts';
import { authService } from './platform/auth/service.ts';
import type { Database } from './platform/db/connect.ts';
import { databaseAnswers } from './platform/db/partnerships.ts';
import { useCaseRunner } from './platform/usecase/run.ts';

export function services(database: Database, config: Config) {
  const { db } = database;
  // Notifications are made from the domain events of the change that causes them, in its transaction; so is the
  // transition plan of a case open for someone 17 and a half.
  // With a mail transport configured, their e-mails are enqueued in the same transaction (notifications/email.ts).
  // Concerns from several agencies about one child add up to a cumulative concern alert, whose own event notifies the hub.
  const notify = notificationConsumerWith(config.mail !== null);
  const consumers = [notify, transitionConsumer, alertsConsumerWith([notify])];
  return {
    run: useCaseRunner(db, consumers),
    auth: authService(db, config, consumers),
    invitations: invitationService(db),
    health: () => databaseAnswers(db),
  };
}

export type Services = ReturnType<typeof services>;
