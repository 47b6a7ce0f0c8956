// What an approved deletion removes, by record type. A closed case is the child's whole record: the person goes with
// everything about them. A referral or missing episode goes with what belongs to it, and the person too when nothing
// else about them is left. Intelligence goes with its links, and the people it alone named. Rows deleted, by table.
import type { Db } from '../../platform/db/connect.ts';
import * as del from './deletion/store.ts';
import type { RecordType } from './domain.ts';
import * as store from './store.ts';

type Counts = Record<string, number>;

function add(a: Counts, b: Counts): Counts {
  const out = { ...a };
  for (const [t, n] of Object.entries(b)) out[t] = (out[t] ?? 0) + n;
  return out;
}

/** The person, their merged duplicates, every row about them, and the intelligence that links them. */
export async function erasePerson(tx: Db, partnershipId: string, personId: string): Promise<Counts> {
  const people = await del.personAndMerged(tx, partnershipId, personId);
  const items = await del.itemsLinkedTo(tx, partnershipId, people);
  const counts = await del.deleteWithDependents(
    tx,
    partnershipId,
    [
      { table: 'person', ids: people },
      { table: 'intel_item', ids: items },
    ],
    people,
  );
  return add(counts, await del.deleteWithDependents(tx, partnershipId, [{ table: 'intel_entity', ids: await del.orphanedPersonEntities(tx, partnershipId) }]));
}

async function recordThenPerson(tx: Db, partnershipId: string, table: string, id: string, personId: string | null): Promise<Counts> {
  const counts = await del.deleteWithDependents(tx, partnershipId, [
    { table, ids: [id] },
    { table: 'triage_action', ids: await del.actionsMadeFrom(tx, partnershipId, id) },
  ]);
  if (!personId || (await del.personHasRecords(tx, partnershipId, personId))) return counts;
  return add(counts, await erasePerson(tx, partnershipId, personId));
}

export async function deleteRecord(tx: Db, partnershipId: string, type: RecordType, recordId: string, personId: string | null): Promise<Counts> {
  switch (type) {
    case 'closed_case':
      return personId
        ? erasePerson(tx, partnershipId, personId)
        : del.deleteWithDependents(tx, partnershipId, [{ table: 'exploitation_case', ids: [recordId] }]);
    case 'referral_no_case':
      return recordThenPerson(tx, partnershipId, 'referral', recordId, personId);
    case 'missing_episode':
      return recordThenPerson(tx, partnershipId, 'missing_episode', recordId, personId);
    case 'intelligence_corroborated':
    case 'intelligence_uncorroborated': {
      const people = await del.peopleLinkedToItem(tx, partnershipId, recordId);
      let counts = await del.deleteWithDependents(tx, partnershipId, [{ table: 'intel_item', ids: [recordId] }]);
      const orphans = await del.orphanedPersonEntities(tx, partnershipId);
      counts = add(counts, await del.deleteWithDependents(tx, partnershipId, [{ table: 'intel_entity', ids: orphans }]));
      // A person known only from this item (nothing else about them is left) goes too.
      for (const p of people) if (!(await del.personHasRecords(tx, partnershipId, p))) counts = add(counts, await erasePerson(tx, partnershipId, p));
      return counts;
    }
    case 'training_record': {
      const member = await store.memberReference(tx, partnershipId, recordId);
      if (member) await store.deleteImportRows(tx, partnershipId, member.reference, member.email);
      return del.deleteWithDependents(tx, partnershipId, [{ table: 'training_member', ids: [recordId] }]);
    }
    case 'audit_event':
      return {};
  }
}
