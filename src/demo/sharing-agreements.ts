// Fictional demo data sharing agreements for Northmoor: the partnership's main protocol (in force), a health
// agreement whose review date has passed (so the admin page and information governance see an overdue review), and
// one with the voluntary sector. The borough council is party to none, so its access is flagged. All made up.
import { randomUUID } from 'node:crypto';
import { insertAgreement } from '../modules/sharing-agreements/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays } from '../platform/time.ts';

export async function seedSharingAgreementsDemo(tx: Db, pid: string, agencyIds: Record<string, string>, today: string): Promise<void> {
  const parties = (...keys: string[]) => keys.map((k) => agencyIds[k]).filter(Boolean);
  await insertAgreement(tx, pid, randomUUID(), {
    title: 'Northmoor exploitation information sharing protocol (fictional)',
    purpose: 'Identifying, assessing and protecting children and adults at risk of exploitation through the Northmoor Exploitation Hub.',
    lawfulBasis:
      'UK GDPR Article 6(1)(e) public task; Article 9(2)(g) substantial public interest with DPA 2018 Schedule 1 paragraph 18 (safeguarding); Children Act 2004 sections 10 and 11; DPA 2018 Part 3 for police processing.',
    dataCategories: ['identity', 'contact', 'education', 'social_care', 'police', 'intelligence', 'missing', 'offending'],
    startDate: addDays(today, -400),
    reviewDate: addDays(today, 330),
    partyAgencyIds: parties('hub', 'csc', 'police', 'school', 'college', 'yjs', 'earlyhelp'),
  });
  await insertAgreement(tx, pid, randomUUID(), {
    title: 'Northmoor Community Health sharing agreement (fictional)',
    purpose: 'Health information for strategy meetings and MACE about children at risk of exploitation.',
    lawfulBasis: 'UK GDPR Article 6(1)(e) and Article 9(2)(h); the Caldicott principles; Children Act 2004 section 11.',
    dataCategories: ['identity', 'health'],
    startDate: addDays(today, -800),
    reviewDate: addDays(today, -20),
    partyAgencyIds: parties('hub', 'health'),
  });
  await insertAgreement(tx, pid, randomUUID(), {
    title: 'Safe Streets Northmoor outreach agreement (fictional)',
    purpose: 'Outreach workers share what they see on detached work with the hub, and hear of referrals they can support.',
    lawfulBasis: 'UK GDPR Article 6(1)(e) for the council, Article 6(1)(f) legitimate interests for the charity; Article 9(2)(g).',
    dataCategories: ['identity', 'contact', 'missing'],
    startDate: addDays(today, -100),
    reviewDate: addDays(today, 265),
    partyAgencyIds: parties('hub', 'streets'),
  });
}
