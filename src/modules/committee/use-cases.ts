// Committee meetings (issue 13.5): list them with the promised reports and when each is next due; record a meeting
// (with its questions and resolutions), add a question, answer one, add a resolution; read a meeting. A committee
// meets in public and its business names members and officers, never a child: reads are not person-level, every
// change is audited with its domain event (about no one). Producing the promised reports is in produce.ts.
import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { CADENCE_LABELS, type Cadence, nextDueOn, promisedReportErrors } from './domain.ts';
import { AddQuestionInput, AddResolutionInput, AnswerQuestionInput, CreateMeetingInput, Ref, SpawnActionInput } from './schemas.ts';
import * as store from './store.ts';
import { kindLabel, meetingView } from './view.ts';

export const NO_PERSON = 'a committee meets in public: its questions, answers and resolutions name members and officers, never a child';

export const listCommittees = useCase({
  name: 'committee.list',
  permission: ['review', 'read'],
  input: undefined,
  async run({ db, actor, now }) {
    const today = ukDate(now);
    const [meetings, promised] = await Promise.all([store.listMeetings(db, actor.partnershipId), store.promisedReports(db, actor.partnershipId)]);
    const reports = promised.map((r) => ({
      resolutionId: r.id,
      number: r.number,
      text: r.text,
      meetingId: r.meeting_id,
      committee: r.committee,
      heldOn: r.held_on,
      kindLabel: kindLabel(r.report_kind ?? ''),
      cadenceLabel: CADENCE_LABELS[r.cadence as Cadence] ?? r.cadence ?? '',
      nextDueOn: r.next_due_on ?? '',
      overdue: (r.next_due_on ?? '') < today,
    }));
    return {
      meetings: meetings.map((m) => ({
        id: m.id,
        committee: m.committee,
        heldOn: m.held_on,
        title: m.title,
        questions: Number(m.questions),
        unanswered: Number(m.unanswered),
        resolutions: Number(m.resolutions),
      })),
      promisedReports: reports,
      overdue: reports.filter((r) => r.overdue),
    };
  },
  audit: { none: NO_PERSON },
});

async function oneMeeting(db: Db, partnershipId: string, id: string, today: string) {
  const m = await store.meetingById(db, partnershipId, id);
  if (!m) throw notFound('The committee meeting');
  const [questions, resolutions] = await Promise.all([store.questionsOf(db, partnershipId, id), store.resolutionsOf(db, partnershipId, id)]);
  return meetingView(m, questions, resolutions, today);
}

export const getMeeting = useCase({
  name: 'committee.meeting',
  permission: ['review', 'read'],
  input: Ref,
  run: ({ db, actor, now }, { id }) => oneMeeting(db, actor.partnershipId, id, ukDate(now)),
  audit: { none: NO_PERSON },
});

type QuestionIn = Omit<Static<typeof AddQuestionInput>, 'id'>;
type ResolutionIn = Omit<Static<typeof AddResolutionInput>, 'id'>;

function questionRow(partnershipId: string, meetingId: string, number: number, q: QuestionIn, answeredOn: string) {
  const answer = q.answer?.trim() || null;
  return {
    partnership_id: partnershipId,
    id: randomUUID(),
    meeting_id: meetingId,
    number,
    asked_by: q.askedBy.trim(),
    question: q.question.trim(),
    answer,
    answered_by: answer ? q.answeredBy?.trim() || null : null,
    answered_on: answer ? (q.answeredOn ?? answeredOn) : null,
  };
}

function questionErrors(q: QuestionIn, today: string, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!q.answer?.trim() && (q.answeredBy?.trim() || q.answeredOn))
    errors.push({ field: `${prefix}answer`, message: 'Enter the answer given, or leave who answered and when blank' });
  if (q.answeredOn && q.answeredOn > today) errors.push({ field: `${prefix}answeredOn`, message: 'The date of the answer must be today or in the past' });
  return errors;
}

function resolutionRow(partnershipId: string, meetingId: string, number: number, r: ResolutionIn) {
  const promised = r.reportKind && r.cadence && r.firstPeriodStart;
  return {
    partnership_id: partnershipId,
    id: randomUUID(),
    meeting_id: meetingId,
    number,
    text: r.text.trim(),
    evidence_promised: r.evidencePromised?.trim() || null,
    report_kind: promised ? r.reportKind : null,
    cadence: promised ? r.cadence : null,
    first_period_start: promised ? r.firstPeriodStart : null,
    next_due_on: promised && r.cadence && r.firstPeriodStart ? nextDueOn(r.firstPeriodStart, r.cadence, new Set()) : null,
  };
}

export const createMeeting = useCase({
  name: 'committee.create_meeting',
  permission: ['review', 'create'],
  input: CreateMeetingInput,
  async run({ db, actor, now }, input) {
    const today = ukDate(now);
    const questions = input.questions ?? [];
    const resolutions = input.resolutions ?? [];
    const errors = [
      ...(input.heldOn > today ? [{ field: 'heldOn', message: 'The date of the meeting must be today or in the past' }] : []),
      ...questions.flatMap((q, i) => questionErrors(q, today, `questions[${i}].`)),
      ...resolutions.flatMap((r, i) => promisedReportErrors(r, today, `resolutions[${i}].`)),
    ];
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    const pid = actor.partnershipId;
    const meeting = { committee: input.committee.trim(), heldOn: input.heldOn, title: input.title.trim() };
    await store.insertMeeting(db, {
      partnership_id: pid,
      id,
      committee: meeting.committee,
      held_on: meeting.heldOn,
      title: meeting.title,
      created_by: actor.userId,
      created_at: now,
    });
    await store.insertQuestions(
      db,
      questions.map((q, i) => questionRow(pid, id, i + 1, q, input.heldOn)),
    );
    const rows = resolutions.map((r, i) => resolutionRow(pid, id, i + 1, r));
    await store.insertResolutions(db, rows);
    return { id, ...meeting, questions: questions.length, resolutions: rows.length, promisedReports: rows.filter((r) => r.report_kind).length };
  },
  audit: {
    change: 'committee_meeting.recorded',
    subject: (m) => ({
      type: 'committee_meeting',
      id: m.id,
      details: { committee: m.committee, heldOn: m.heldOn, questions: m.questions, resolutions: m.resolutions, promisedReports: m.promisedReports },
    }),
  },
});

async function meetingFor(db: Db, partnershipId: string, id: string) {
  const m = await store.meetingById(db, partnershipId, id);
  if (!m) throw notFound('The committee meeting');
  return m;
}

export const addQuestion = useCase({
  name: 'committee.add_question',
  permission: ['review', 'update'],
  input: AddQuestionInput,
  async run({ db, actor, now }, { id, ...q }) {
    const today = ukDate(now);
    const m = await meetingFor(db, actor.partnershipId, id);
    const errors = questionErrors(q, today);
    if (errors.length) throw new ValidationProblem(errors);
    const number = await store.nextNumber(db, actor.partnershipId, id, 'committee_question');
    const row = questionRow(actor.partnershipId, id, number, q, m.held_on);
    await store.insertQuestions(db, [row]);
    return { questionId: row.id, number, answered: row.answer !== null, ...(await oneMeeting(db, actor.partnershipId, id, today)) };
  },
  audit: {
    change: 'committee_question.added',
    subject: (r) => ({ type: 'committee_question', id: r.questionId, details: { meetingId: r.id, number: r.number, answered: r.answered } }),
  },
});

/** An answer given later (in writing, or at a later meeting); an answered question keeps its answer (409). */
export const answerQuestion = useCase({
  name: 'committee.answer_question',
  permission: ['review', 'update'],
  input: AnswerQuestionInput,
  async run({ db, actor, now }, input) {
    const today = ukDate(now);
    await meetingFor(db, actor.partnershipId, input.id);
    const q = await store.questionByNumber(db, actor.partnershipId, input.id, input.number);
    if (!q) throw new ValidationProblem([{ field: 'number', message: 'Select the question answered' }]);
    if (q.answer !== null) throw new Problem(409, 'Already answered', `Question ${q.number} was answered on ${q.answered_on}`);
    if (input.answeredOn && input.answeredOn > today)
      throw new ValidationProblem([{ field: 'answeredOn', message: 'The date of the answer must be today or in the past' }]);
    await store.answerQuestion(db, actor.partnershipId, q.id, {
      answer: input.answer.trim(),
      answered_by: input.answeredBy?.trim() || null,
      answered_on: input.answeredOn ?? today,
    });
    return { questionId: q.id, number: q.number, ...(await oneMeeting(db, actor.partnershipId, input.id, today)) };
  },
  audit: {
    change: 'committee_question.answered',
    subject: (r) => ({ type: 'committee_question', id: r.questionId, details: { meetingId: r.id, number: r.number } }),
  },
});

export const addResolution = useCase({
  name: 'committee.add_resolution',
  permission: ['review', 'update'],
  input: AddResolutionInput,
  async run({ db, actor, now }, { id, ...r }) {
    const today = ukDate(now);
    await meetingFor(db, actor.partnershipId, id);
    const errors = promisedReportErrors(r, today);
    if (errors.length) throw new ValidationProblem(errors);
    const number = await store.nextNumber(db, actor.partnershipId, id, 'committee_resolution');
    const row = resolutionRow(actor.partnershipId, id, number, r);
    await store.insertResolutions(db, [row]);
    return {
      resolutionId: row.id,
      number,
      promised: { reportKind: row.report_kind, cadence: row.cadence, firstPeriodStart: row.first_period_start, nextDueOn: row.next_due_on },
      ...(await oneMeeting(db, actor.partnershipId, id, today)),
    };
  },
  audit: {
    change: 'committee_resolution.added',
    subject: (r) => ({ type: 'committee_resolution', id: r.resolutionId, details: { meetingId: r.id, number: r.number, ...r.promised } }),
  },
});

/** An action in the one tracker, made from the resolution (source 'committee'); the tracker audits it. */
export const spawnAction = useCase({
  name: 'committee.spawn_action',
  permission: ['review', 'manage'],
  input: SpawnActionInput,
  async run({ db, actor, call }, input) {
    const r = await store.resolutionById(db, actor.partnershipId, input.id);
    if (!r) throw notFound('The resolution');
    const action = await call(createAction, {
      sourceKind: 'committee',
      sourceId: r.id,
      context: `Resolution ${r.number}, ${r.committee}`.slice(0, 200),
      title: input.title,
      ownerAgencyId: input.ownerAgencyId,
      dueOn: input.dueOn,
    });
    return { resolutionId: r.id, number: r.number, actionId: action.id, title: action.title, dueOn: action.dueOn };
  },
  audit: {
    change: 'committee_resolution.action_spawned',
    subject: (r) => ({ type: 'committee_resolution', id: r.resolutionId, details: { number: r.number, actionId: r.actionId, dueOn: r.dueOn } }),
  },
});
