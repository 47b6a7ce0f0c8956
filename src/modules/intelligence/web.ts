// Intelligence pages: recent intelligence, the record form (people, a vehicle, a place, an adult of concern and how
// they were seen together), a report, a person's network (a table that works without JavaScript; a Cytoscape.js
// chart enhances it), commonalities, the hotspot map (a table; Leaflet enhances it), disruption and the panel pack.
// Thin handlers: forms become the API's shape and run the same use cases.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, maySeeExactCounts } from '../../platform/access/rules.ts';
import { asList, dateInput, dateParts, type FormBody, readPeriod } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, isUuid, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { getPerson, type PersonView, searchPeople } from '../people/use-cases.ts';
import { lastWholeQuarter } from '../reports/domain.ts';
import { periodControls } from '../reports/view.ts';
import { permitted } from './api.ts';
import { DisruptionBody, RecordIntelligenceInput } from './schemas.ts';
import { getDisruptionReport, listDisruptions, listTactics, recordDisruption, updateDisruption } from './use-cases/disruption.ts';
import { getEntity, searchEntities } from './use-cases/entities.ts';
import { getHotspots } from './use-cases/hotspots.ts';
import { getItem, recentIntelligence } from './use-cases/items.ts';
import { getCommonalities, getNetwork } from './use-cases/networks.ts';
import { getPanelPack } from './use-cases/panel.ts';
import { recordIntelligence } from './use-cases/record.ts';
import {
  CATEGORY_LABELS,
  DEFAULT_WARDS,
  DISRUPTION_OUTCOME_LABELS,
  DISRUPTION_STATUS_LABELS,
  LINK_ROLE_LABELS,
  LINK_TYPE_LABELS,
  LOCATION_TYPE_LABELS,
} from './vocab.ts';

const options = (vocab: Record<string, string>, selected?: string) =>
  Object.entries(vocab).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));
const text = (form: FormBody, name: string) =>
  typeof form[name] === 'string' && (form[name] as string).trim() !== '' ? (form[name] as string).trim() : undefined;

/** JSON for a nonce'd data block: `<` escaped so the text can never close the script element. */
const jsonForScript = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The record form -> the API's shape: the chosen people seen with a vehicle and at a place, and an adult of concern. */
export function recordFromForm(form: FormBody): { raw: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const occurredOn = dateInput(form, 'occurredOn');
  if (occurredOn === 'invalid') errors.push({ field: 'occurredOn', message: 'Enter when it happened as a real date' });
  const people = asList(form.personId);
  if (people.length === 0) errors.push({ field: 'people', message: 'Add at least one child or young person the intelligence is about' });
  const entities: Record<string, unknown>[] = people.map((id, i) => ({ ref: `p${i}`, personId: id }));
  const links: Record<string, unknown>[] = [];
  // Not pre-selected: asked for when the people are linked to something (a vehicle, a place, an adult).
  const chosenRole = text(form, 'peopleRole');
  const role = chosenRole ?? 'victim';
  const reg = text(form, 'vehicle.registration');
  if (reg)
    entities.push({
      ref: 'vehicle',
      kind: 'vehicle',
      registration: reg,
      make: text(form, 'vehicle.make'),
      colour: text(form, 'vehicle.colour'),
      registrationConfirmed: form['vehicle.confirmed'] === 'yes',
    });
  const place = text(form, 'location.label');
  if (place)
    entities.push({ ref: 'location', kind: 'location', label: place, locationType: text(form, 'location.type'), ward: text(form, 'location.ward') ?? null });
  const adult = text(form, 'adult.label');
  if (adult) entities.push({ ref: 'adult', kind: 'person', label: adult });
  for (const [i] of people.entries()) {
    if (reg) links.push({ from: `p${i}`, to: 'vehicle', type: 'seen_with', fromRole: role });
    if (place) links.push({ from: `p${i}`, to: 'location', type: 'seen_at', fromRole: role });
    if (adult) links.push({ from: `p${i}`, to: 'adult', type: 'associate_of', fromRole: role, toRole: 'person_of_concern' });
  }
  if (reg && place) links.push({ from: 'vehicle', to: 'location', type: 'seen_at' });
  if (adult && reg) links.push({ from: 'adult', to: 'vehicle', type: 'drives', fromRole: 'person_of_concern' });
  if (adult && place) links.push({ from: 'adult', to: 'location', type: 'frequents', fromRole: 'person_of_concern' });
  if (!chosenRole && people.length > 0 && (reg || place || adult)) errors.push({ field: 'peopleRole', message: 'Select their role in this intelligence' });
  return {
    raw: {
      summary: text(form, 'summary'),
      category: text(form, 'category'),
      occurredOn: occurredOn === 'invalid' || occurredOn === '' ? undefined : occurredOn,
      grading: text(form, 'grading'),
      handlingConditions: text(form, 'handlingConditions'),
      releaseRoles: asList(form.releaseRoles),
      releaseAgencyIds: asList(form.releaseAgencyIds),
      sourceRecord: text(form, 'sourceRecord'),
      entities,
      links,
    },
    errors,
  };
}

/** Field names of the use case's errors -> the form's fields. */
function formErrors(errors: FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    let field = e.field;
    if (/^entities\[\d+\]\.registration$/.test(field)) field = 'vehicle.registration';
    else if (/^entities\[\d+\]\.locationType$/.test(field)) field = 'location.type';
    else if (/^entities\[\d+\]\.ward$/.test(field)) field = 'location.ward';
    else if (/^entities\[\d+\]\.label$/.test(field)) field = 'location.label';
    else if (/^(links|entities)/.test(field)) field = 'people';
    else field = field.replace(/\[\d+\]$/, '');
    if (!out.some((x) => x.field === field)) out.push({ field, message: e.message });
  }
  return out;
}

const defaultPeriod = () => {
  const to = ukDate(new Date());
  return { from: addDays(to, -89), to };
};
const periodOf = (q: Record<string, string | undefined>) => ({ ...defaultPeriod(), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });

/** Runs a use case for a page, turning its input errors into errors to show. */
async function orErrors<T>(run: () => Promise<T>): Promise<{ data: T | null; errors?: FieldError[] }> {
  try {
    return { data: await run() };
  } catch (err) {
    if (err instanceof ValidationProblem) return { data: null, errors: err.errors };
    throw err;
  }
}

/** The people chosen on a form, each read through the people use case (so audited as viewed). */
async function chosenPeople(req: FastifyRequest, ids: string[]): Promise<PersonView[]> {
  const out: PersonView[] = [];
  for (const id of ids) {
    if (!isUuid(id)) throw notFound('The person');
    out.push(await req.run(getPerson, { id }));
  }
  return out;
}

export function intelligenceWeb(app: FastifyInstance) {
  const route = (...useCases: AnyUseCase[]) => ({ preValidation: permitted, config: { useCases } });

  app.get('/intelligence', route(recentIntelligence), async (req, reply) => {
    const actor = req.actor!;
    return reply.render('intelligence-dashboard.njk', {
      pageTitle: 'Intelligence',
      items: await req.run(recentIntelligence),
      canCreate: may(actor, 'intelligence', 'create'),
      canDisruption: may(actor, 'disruption', 'read'),
    });
  });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const chosen = await chosenPeople(req, asList(form.personId));
    const q = text(form, 'q');
    const results = q ? (await req.run(searchPeople, { q: q.slice(0, 200) })).filter((r) => !chosen.some((c) => c.id === r.id)) : [];
    return reply.status(errors ? 422 : 200).render('intelligence-new.njk', {
      pageTitle: 'Record intelligence',
      errors,
      form,
      chosen,
      q,
      results,
      submissionId: form.submissionId || randomUUID(),
      categories: options(CATEGORY_LABELS, text(form, 'category')),
      locationTypes: [{ value: '', text: 'Choose' }, ...options(LOCATION_TYPE_LABELS, text(form, 'location.type'))],
      releaseAgencies: (await req.run(listAgencies))
        .filter((a) => a.active)
        .map((a) => ({ value: a.id, text: a.name, checked: asList(form.releaseAgencyIds).includes(a.id) })),
      wards: [{ value: '', text: 'Not known' }, ...DEFAULT_WARDS.map((w) => ({ value: w, text: w, selected: w === text(form, 'location.ward') }))],
      roles: options(LINK_ROLE_LABELS, text(form, 'peopleRole')),
      occurred: dateParts(form, 'occurredOn'),
    });
  };

  const recordForm = route(recordIntelligence, getPerson, searchPeople, listAgencies);
  app.get('/intelligence/new', recordForm, async (req, reply) => newPage(req, reply, req.query as FormBody));

  app.post('/intelligence', { ...recordForm, preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as FormBody;
    // Finding, adding and removing a person happen within this form, so everything typed so far is kept.
    const intent = asList(form.intent)[0];
    const add = asList(form.addPersonId)[0];
    const remove = asList(form.removePersonId)[0];
    if (add) return newPage(req, reply, { ...form, personId: [...new Set([...asList(form.personId), add])], q: '' });
    if (remove) return newPage(req, reply, { ...form, personId: asList(form.personId).filter((id) => id !== remove) });
    if (intent === 'search') return newPage(req, reply, form);
    const { raw, errors } = recordFromForm(form);
    const key = typeof form.submissionId === 'string' && form.submissionId ? `form:${form.submissionId}` : undefined;
    const saved = await orErrors(() => {
      // The form's own errors first, with whatever else the schema finds, so the summary lists them all at once.
      if (errors.length > 0)
        throw new ValidationProblem([...errors, ...inputErrors(RecordIntelligenceInput, raw).filter((e) => !errors.some((x) => x.field === e.field))]);
      return req.run(recordIntelligence, { ...raw, ...(key ? { idempotencyKey: key } : {}) });
    });
    if (!saved.data) return newPage(req, reply, form, formErrors(saved.errors ?? []));
    await reply.flash({ heading: 'Intelligence recorded', qa: 'intelligence-recorded' });
    return reply.redirect(paths.intelligenceItem(saved.data.id), 303);
  });

  app.get('/intelligence/commonalities', route(getCommonalities, getPerson, searchPeople), async (req, reply) => {
    const form = req.query as FormBody;
    const ids = asList(form.personIds);
    const chosen = await chosenPeople(req, ids);
    const q = text(form, 'q');
    const results = q ? (await req.run(searchPeople, { q: q.slice(0, 200) })).filter((r) => !ids.includes(r.id)) : [];
    const result = ids.length >= 2 && !q ? await req.run(getCommonalities, { personIds: ids }) : null;
    return reply.render('intelligence-commonalities.njk', {
      pageTitle: 'What do they have in common?',
      chosen,
      q,
      results,
      result,
      linkTypes: LINK_TYPE_LABELS,
    });
  });

  app.get('/intelligence/hotspots', route(getHotspots), async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const { errors: dateErrors, ...typed } = readPeriod(q);
    const period = periodOf(typed);
    const { data, errors } = dateErrors.length
      ? { data: null, errors: dateErrors }
      : await orErrors(() => req.run(getHotspots, { ...period, ...(q.category ? { category: q.category } : {}) }));
    return reply.status(errors ? 422 : 200).render('intelligence-hotspots.njk', {
      pageTitle: 'Hotspots',
      errors,
      period,
      data,
      dataJson: data ? jsonForScript({ wards: data.wards, locations: data.locations }) : null,
      categories: [
        { value: '', text: 'All categories' },
        ...Object.entries(CATEGORY_LABELS).map(([value, t]) => ({ value, text: t, selected: value === q.category })),
      ],
      categoryLabels: CATEGORY_LABELS,
    });
  });

  // Published figures (for those who may not see exact counts) are for whole months: the last quarter by default.
  app.get('/intelligence/panel', route(getPanelPack), async (req, reply) => {
    const { errors: dateErrors, ...q } = readPeriod(req.query as Record<string, string | undefined>);
    const monthly = !maySeeExactCounts(req.actor!);
    const period = monthly ? { ...lastWholeQuarter(ukDate(new Date())), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) } : periodOf(q);
    const { data: pack, errors } = dateErrors.length ? { data: null, errors: dateErrors } : await orErrors(() => req.run(getPanelPack, period));
    const controls = periodControls(period, ukDate(new Date()), monthly);
    return reply.status(errors ? 422 : 200).render('intelligence-panel.njk', { pageTitle: 'Exploitation Panel pack', errors, period, controls, pack });
  });

  app.get('/intelligence/:id', route(getItem), async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The intelligence report');
    return reply.render('intelligence-item.njk', { pageTitle: 'Intelligence report', item: await req.run(getItem, { id }), roleLabels: LINK_ROLE_LABELS });
  });

  app.get('/people/:id/network', route(getNetwork), async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The person');
    const depth = (req.query as { depth?: string }).depth === '1' ? 1 : 2;
    const net = await req.run(getNetwork, { id, depth });
    const labels = new Map(net.nodes.map((n) => [n.id, n.label]));
    return reply.render('intelligence-network.njk', {
      pageTitle: `Network: ${net.centre.label}`,
      net,
      depth,
      links: net.links.map((l) => ({
        ...l,
        fromLabel: labels.get(l.from),
        toLabel: labels.get(l.to),
        typeLabel: LINK_TYPE_LABELS[l.type as keyof typeof LINK_TYPE_LABELS] ?? l.type,
      })),
      roleLabels: LINK_ROLE_LABELS,
      // A Jigsaw person's network is at their person id; any other entity's at its own id.
      networkIds: Object.fromEntries(net.nodes.map((n) => [n.id, n.personId ?? n.id])),
      netJson: jsonForScript({
        centre: net.centre.id,
        nodes: net.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, depth: n.depth })),
        links: net.links.map((l) => ({ id: l.id, from: l.from, to: l.to, type: l.type, grading: l.grading })),
      }),
      canCreate: may(req.actor!, 'intelligence', 'create'),
      mayOpenContext: may(req.actor!, 'context', 'create'),
      mayReadContexts: may(req.actor!, 'context', 'read'),
    });
  });

  // ---- disruption ----

  app.get('/disruption', route(listDisruptions, getDisruptionReport), async (req, reply) => {
    const actor = req.actor!;
    const period = periodOf(req.query as Record<string, string | undefined>);
    const activities = await req.run(listDisruptions, {});
    const { data: report } = await orErrors(() => req.run(getDisruptionReport, period));
    return reply.render('disruption-list.njk', {
      pageTitle: 'Disruption',
      activities,
      report,
      period,
      canCreate: may(actor, 'disruption', 'create'),
      canUpdate: may(actor, 'disruption', 'update'),
    });
  });

  const disruptionPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const actor = req.actor!;
    const [tactics, agencies] = await Promise.all([req.run(listTactics), req.run(listAgencies)]);
    const q = text(form, 'q');
    const targets = q ? await req.run(searchEntities, { q: q.slice(0, 100) }) : [];
    const targetId = text(form, 'targetEntityId');
    const target = targetId && isUuid(targetId) ? await orNotFound(() => req.run(getEntity, { id: targetId })) : undefined;
    return reply.status(errors ? 422 : 200).render('disruption-new.njk', {
      pageTitle: 'Record disruption',
      errors,
      form,
      q,
      targets,
      target,
      tactics: tactics.filter((t) => t.active).map((t) => ({ value: t.code, text: t.label, checked: t.code === text(form, 'tactic') })),
      agencies: [
        { value: '', text: 'Choose' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === (text(form, 'ownerAgencyId') ?? actor.agencyId) })),
      ],
      statuses: options(DISRUPTION_STATUS_LABELS, text(form, 'status')),
      outcomes: [{ value: '', text: 'Not yet' }, ...options(DISRUPTION_OUTCOME_LABELS, text(form, 'outcome'))],
      started: dateParts(form, 'startedOn'),
      ended: dateParts(form, 'endedOn'),
    });
  };

  const disruptionForm = route(recordDisruption, listTactics, searchEntities, getEntity, listAgencies);
  app.get('/disruption/new', disruptionForm, async (req, reply) => disruptionPage(req, reply, req.query as FormBody));

  app.post('/disruption', { ...disruptionForm, preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const startedOn = dateInput(form, 'startedOn');
    const endedOn = dateInput(form, 'endedOn');
    if (startedOn === 'invalid') errors.push({ field: 'startedOn', message: 'Enter the start date as a real date' });
    if (endedOn === 'invalid') errors.push({ field: 'endedOn', message: 'Enter the end date as a real date' });
    const raw = {
      tactic: text(form, 'tactic'),
      targetEntityId: text(form, 'targetEntityId'),
      ownerAgencyId: text(form, 'ownerAgencyId'),
      ownerName: text(form, 'ownerName'),
      startedOn: startedOn === 'invalid' || startedOn === '' ? undefined : startedOn,
      endedOn: endedOn === 'invalid' || endedOn === '' ? null : endedOn,
      status: text(form, 'status'),
      outcome: text(form, 'outcome') ?? null,
      outcomeNotes: text(form, 'outcomeNotes'),
    };
    const saved = await orErrors(() => {
      if (errors.length > 0)
        throw new ValidationProblem([...errors, ...inputErrors(DisruptionBody, raw).filter((e) => !errors.some((x) => x.field === e.field))]);
      return req.run(recordDisruption, raw);
    });
    if (!saved.data) return disruptionPage(req, reply, form, saved.errors);
    return reply.redirect(paths.disruption(), 303);
  });

  app.post('/disruption/:id', { ...route(updateDisruption), preHandler: app.csrfProtection }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The disruption activity');
    const form = req.body as FormBody;
    await req.run(updateDisruption, { id, status: text(form, 'status'), outcome: text(form, 'outcome') ?? null });
    return reply.redirect(paths.disruption(), 303);
  });
}

async function orNotFound<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Problem && err.status === 404) return undefined;
    throw err;
  }
}
