// View models of contexts: the summary row, the full context with what is held about it, and its chronology lines.

import { DEFAULT_TACTICS } from '../intelligence/vocab.ts';
import {
  type Area,
  type ChronologyItem,
  type ContextKind,
  KIND_LABELS,
  LINK_ROLE_LABELS,
  mapLink,
  RATING_LABELS,
  RESPONDENT_LABELS,
  STATUS_LABELS,
} from './domain.ts';
import type * as store from './store.ts';

type Rows<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;
const iso = (d: Date | string) => new Date(d).toISOString();
const label = <K extends string>(labels: Record<K, string>, k: string) => labels[k as K] ?? k;

export function summaryView(r: {
  id: string;
  kind: string;
  name: string;
  ward: string | null;
  status: string;
  role?: string;
  reason?: string | null;
  children?: string | number | null;
}) {
  return {
    id: r.id,
    kind: r.kind as ContextKind,
    kindLabel: label(KIND_LABELS, r.kind),
    name: r.name,
    ward: r.ward,
    status: r.status,
    statusLabel: label(STATUS_LABELS, r.status),
    ...(r.children !== undefined ? { children: Number(r.children ?? 0) } : {}),
    ...(r.role ? { role: r.role, roleLabel: label(LINK_ROLE_LABELS, r.role), reason: r.reason ?? null } : {}),
  };
}

export interface ContextParts {
  c: NonNullable<Rows<typeof store.contextById>>;
  assessments: Rows<typeof store.assessmentsOf>;
  ratings: Rows<typeof store.ratingsOf>;
  children: Rows<typeof store.childrenOf>;
  surveys: Rows<typeof store.surveysOf>;
  reviews: Rows<typeof store.reviewsOf>;
  meetings: Rows<typeof store.meetingsAbout>;
  actions: Rows<typeof store.actionsAbout>;
  disruption: Rows<typeof store.disruptionAgainst>;
  areas: Area[];
  today: string;
  childrenShown: boolean;
}

export function contextView(p: ContextParts) {
  const { c } = p;
  return {
    id: c.id,
    kind: c.kind as ContextKind,
    kindLabel: label(KIND_LABELS, c.kind),
    name: c.name,
    ward: c.ward,
    status: c.status,
    statusLabel: label(STATUS_LABELS, c.status),
    concerns: c.concerns,
    latitude: c.latitude,
    longitude: c.longitude,
    mapHref: mapLink(c.latitude, c.longitude),
    openedAt: iso(c.opened_at),
    reviewOn: c.review_on,
    reviewOverdue: !!c.review_on && c.review_on < p.today && c.status !== 'closed',
    areas: p.areas,
    assessments: p.assessments.map((a) => ({
      id: a.id,
      assessedOn: a.assessed_on,
      summary: a.summary,
      by: a.by,
      recordedAt: iso(a.created_at),
      ratings: p.ratings
        .filter((r) => r.assessment_id === a.id)
        .map((r) => ({ areaCode: r.area_code, area: r.area_label, rating: r.rating, ratingLabel: label(RATING_LABELS, r.rating), notes: r.notes })),
    })),
    childrenShown: p.childrenShown,
    children: p.children.map((k) => ({
      id: k.id,
      name: `${k.given_name} ${k.family_name}`,
      dateOfBirth: k.date_of_birth,
      role: k.role,
      roleLabel: label(LINK_ROLE_LABELS, k.role),
      reason: k.reason,
      linkedAt: iso(k.linked_at),
    })),
    surveys: p.surveys.map((s) => ({
      id: s.id,
      surveyedOn: s.surveyed_on,
      respondents: s.respondents,
      respondentsLabel: label(RESPONDENT_LABELS, s.respondents),
      responses: s.responses,
      percentSafe: Number(s.percent_safe),
      notes: s.notes,
      recordedAt: iso(s.created_at),
    })),
    reviews: p.reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewed_on,
      summary: r.summary,
      statusAfter: r.status_after,
      statusAfterLabel: label(STATUS_LABELS, r.status_after),
      nextReviewOn: r.next_review_on,
      recordedAt: iso(r.created_at),
    })),
    meetings: p.meetings.map((m) => ({ id: m.id, title: m.title, typeCode: m.type_code, startsAt: iso(m.starts_at), convenedAt: iso(m.created_at) })),
    actions: p.actions.map((a) => ({
      id: a.id,
      title: a.description,
      status: a.status,
      dueOn: a.due_date,
      ownerAgencyName: a.owner_agency_name,
      createdAt: iso(a.created_at),
    })),
    disruption: p.disruption.map((d) => ({
      id: d.id,
      tactic: d.tactic_label ?? DEFAULT_TACTICS.find((t) => t.code === d.tactic)?.label ?? d.tactic,
      status: d.status,
      outcome: d.outcome,
      startedOn: d.started_on,
      ownerAgencyName: d.owner_agency_name,
      recordedAt: iso(d.created_at),
    })),
  };
}
export type ContextView = ReturnType<typeof contextView>;

/** The context's own chronology: what happened, at the moment it was recorded (meetings at their start). */
export function chronologyOf(c: ContextView): ChronologyItem[] {
  return [
    { at: c.openedAt, what: `Referred as a context: ${c.concerns}` },
    ...c.assessments.map((a) => ({ at: a.recordedAt, what: `Context assessment dated ${a.assessedOn}: ${a.ratings.length} areas rated` })),
    ...c.meetings.map((m) => ({ at: m.startsAt, what: `Meeting: ${m.title}`, href: `/meetings/${m.id}` })),
    ...c.actions.map((a) => ({ at: a.createdAt, what: `Action: ${a.title} (${a.ownerAgencyName}, due ${a.dueOn})`, href: `/actions/${a.id}` })),
    ...c.disruption.map((d) => ({ at: d.recordedAt, what: `Disruption: ${d.tactic} (${d.ownerAgencyName}), ${d.status.replaceAll('_', ' ')}` })),
    ...c.children.map((k) => ({ at: k.linkedAt, what: `Child linked: ${k.name} (${k.roleLabel})`, href: `/people/${k.id}` })),
    ...c.surveys.map((s) => ({
      at: s.recordedAt,
      what: `Survey of feelings of safety (${s.respondentsLabel}): ${s.responses} responses, ${s.percentSafe}% feel safe`,
    })),
    ...c.reviews.map((r) => ({ at: r.recordedAt, what: `Reviewed: ${r.summary} Status: ${r.statusAfterLabel}.` })),
  ];
}
