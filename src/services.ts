// Builds every service from the database and settings; tests build the same with a test database.
import type { Config } from './config.ts';
import { adminService } from './modules/admin/service.ts';
import { governanceService } from './modules/governance/service.ts';
import { intelligenceService } from './modules/intelligence/service.ts';
import { matchingService } from './modules/matching/service.ts';
import { missingService } from './modules/missing/service.ts';
import { notificationsService } from './modules/notifications/service.ts';
import { reportsService } from './modules/reports/service.ts';
import { screeningService } from './modules/screening/service.ts';
import { triageService } from './modules/triage/service.ts';
import { authService } from './platform/auth/service.ts';
import type { Database } from './platform/db/connect.ts';
import { useCaseRunner } from './platform/usecase/run.ts';

export function services(database: Database, config: Config) {
  const { db } = database;
  return {
    run: useCaseRunner(db),
    auth: authService(db, config),
    admin: adminService(db),
    matching: matchingService(db),
    missing: missingService(db),
    governance: governanceService(db),
    screening: screeningService(db),
    triage: triageService(db),
    reports: reportsService(db),
    notifications: notificationsService(db),
    intelligence: intelligenceService(db),
    async health(): Promise<boolean> {
      try {
        await db.selectFrom('partnership').select('id').limit(1).execute();
        return true;
      } catch {
        return false;
      }
    },
    async partnership(id: string) {
      return db.selectFrom('partnership').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}

export type Services = ReturnType<typeof services>;
