// A recommendation's evidence (Jigsaw's figures for a period, or an uploaded document) and its lead in Jigsaw (who is
// reminded of updates due). No child's data: reads are not person-level; changes are audited with their events.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { periodErrors, Uuid } from '../../platform/http/schemas.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { REPORT_KIND_LABELS } from '../reports/figures.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, evidenceType } from './domain.ts';
import { AddEvidenceInput, SetLeadInput } from './schemas.ts';
import * as store from './store.ts';
import { oneView, recommendationFor } from './use-cases.ts';

const NO_PERSON = 'a recommendation’s evidence and lead name figures, documents and officers, never a child';
const TYPES_LIST = Object.keys(EVIDENCE_TYPES)
  .filter((t) => t !== 'jpeg')
  .map((t) => t.toUpperCase())
  .join(', ');

/** Reads a document's bytes, or says what to fix. */
function documentBytes(d: { fileName: string; contentBase64: string }): { bytes: Buffer; contentType: string } {
  const contentType = evidenceType(d.fileName);
  if (!contentType) throw new ValidationProblem([{ field: 'document', message: `The file must be a ${TYPES_LIST} file` }]);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(d.contentBase64)) throw new ValidationProblem([{ field: 'document', message: 'The file’s content must be base64' }]);
  const bytes = Buffer.from(d.contentBase64, 'base64');
  if (bytes.length === 0) throw new ValidationProblem([{ field: 'document', message: 'The file is empty' }]);
  if (bytes.length > EVIDENCE_MAX_BYTES) throw new ValidationProblem([{ field: 'document', message: 'The file must be smaller than 10 MB' }]);
  return { bytes, contentType };
}

export const addEvidence = useCase({
  name: 'reviews.add_evidence',
  permission: ['review', 'update'],
  input: AddEvidenceInput,
  async run({ db, actor, now }, input) {
    const r = await recommendationFor(db, actor.partnershipId, input.id, input.number);
    if (!input.report === !input.document)
      throw new ValidationProblem([{ field: 'report', message: 'Give either Jigsaw’s figures for a period or a document, not both' }]);
    const today = ukDate(now);
    const base = {
      partnership_id: actor.partnershipId,
      id: randomUUID(),
      recommendation_id: r.id,
      title: input.title.trim(),
      added_by: actor.userId,
      added_by_name: actor.name,
      added_at: now,
    };
    if (input.report) {
      const p = input.report;
      const errors = periodErrors(p).map((e) => ({ ...e, field: 'report.to' }));
      if (p.from > today) errors.push({ field: 'report.from', message: 'The period must have started: figures are only for days that have begun' });
      if (errors.length) throw new ValidationProblem(errors);
      await store.insertEvidence(db, { ...base, kind: 'report', report_kind: p.kind, period_from: p.from, period_to: p.to });
    } else if (input.document) {
      const { bytes, contentType } = documentBytes(input.document);
      await store.insertEvidence(db, { ...base, kind: 'document', file_name: input.document.fileName.trim(), content_type: contentType, content: bytes });
    }
    return { evidenceId: base.id, ...(await oneView(db, actor.partnershipId, input.id, input.number, today)) };
  },
  audit: {
    change: 'recommendation.evidence_added',
    subject: (r, input) => ({
      type: 'recommendation',
      id: r.id,
      details: {
        number: r.number,
        evidenceId: r.evidenceId,
        kind: input.report ? 'report' : 'document',
        ...(input.report ? { report: `${REPORT_KIND_LABELS[input.report.kind]}, ${input.report.from} to ${input.report.to}` } : {}),
        ...(input.document ? { fileName: input.document.fileName } : {}),
      },
    }),
  },
});

export const evidenceDocument = useCase({
  name: 'reviews.evidence_document',
  permission: ['review', 'read'],
  input: Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1, maximum: 9999 }), evidenceId: Uuid }, { additionalProperties: false }),
  async run({ db, actor }, { id, number, evidenceId }) {
    const r = await store.recommendationByNumber(db, actor.partnershipId, id, number);
    const doc = r && (await store.evidenceDocument(db, actor.partnershipId, r.id, evidenceId));
    if (!doc?.content) throw notFound('The document');
    return { fileName: doc.file_name ?? 'evidence', contentType: doc.content_type ?? 'application/octet-stream', content: doc.content };
  },
  audit: { none: NO_PERSON },
});

/** Who may be named as a recommendation's lead in Jigsaw: the partnership's active staff. */
export const leadChoices = useCase({
  name: 'reviews.lead_choices',
  permission: ['review', 'update'],
  input: undefined,
  run: ({ db, actor }) => store.activeUsers(db, actor.partnershipId),
  audit: { none: 'names of the partnership’s staff, for choosing a lead' },
});

export const setLead = useCase({
  name: 'reviews.set_lead',
  permission: ['review', 'update'],
  input: SetLeadInput,
  async run({ db, actor, now }, input) {
    const r = await recommendationFor(db, actor.partnershipId, input.id, input.number);
    if (input.leadUserId && !(await store.activeUsers(db, actor.partnershipId)).some((u) => u.id === input.leadUserId))
      throw new ValidationProblem([{ field: 'leadUserId', message: 'Choose a person from the list' }]);
    const set: Parameters<typeof store.updateRecommendation>[3] = {};
    if (input.leadOfficer !== undefined) set.lead_officer = input.leadOfficer.trim() || null;
    if (input.leadOrganisation !== undefined) set.lead_organisation = input.leadOrganisation.trim() || null;
    if (input.leadUserId !== undefined) set.lead_user_id = input.leadUserId;
    if (Object.keys(set).length) await store.updateRecommendation(db, actor.partnershipId, r.id, set);
    return {
      from: { leadOfficer: r.lead_officer, leadUserId: r.lead_user_id },
      ...(await oneView(db, actor.partnershipId, input.id, input.number, ukDate(now))),
    };
  },
  audit: {
    change: 'recommendation.lead_changed',
    subject: (r) => ({
      type: 'recommendation',
      id: r.id,
      details: { number: r.number, from: r.from, leadOfficer: r.leadOfficer, leadOrganisation: r.leadOrganisation, leadUserId: r.leadUser?.id ?? null },
    }),
  },
});
