// Intelligence pages: recent intelligence, the record form (people, a vehicle, a place, an adult of concern and how
// they were seen together), a report, a person's network (a table that works without JavaScript; a Cytoscape.js
// chart enhances it), commonalities, the hotspot map (a table; Leaflet enhances it), disruption and the panel pack.
// Thin handlers: forms become the API's shape, the service does the rest.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import { type Actor, requireScope } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/policy.ts';
import { asList, dateInput, dateParts, type FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, Problem } from '../../platform/http/problems.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import {
  CATEGORY_LABELS,
  DEFAULT_WARDS,
  DISRUPTION_OUTCOME_LABELS,
  DISRUPTION_STATUS_LABELS,
  LINK_ROLE_LABELS,
  LINK_TYPE_LABELS,
  LOCATION_TYPE_LABELS,
} from './domain.ts';

const options = (vocab: Record<string, string>, selected?: string) => Object.entries(vocab).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));
const text = (form: FormBody, name: string) => (typeof form[name] === 'string' && (form[name] as string).trim() !== '' ? (form[name] as string).trim() : undefined);

/** JSON for a nonce'd data block: `<` escaped so the text can never close the script element. */
const jsonForScript = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The record form -> the API's shape: the chosen people seen with a vehicle and at a place, and an adult of concern. */
export function recordFromForm(form: FormBody): { raw: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const occurredOn = dateInput(form, 'occurredOn');
  if (occurredOn === 'invalid') errors.push({ field: 'occurredOn', message: 'Enter when it happened as a real date' });
  const people = asList(form.personId);
  const entities: Record<string, unknown>[] = people.map((id, i) => ({ ref: `p${i}`, personId: id }));
  const links: Record<string, unknown>[] = [];
  const role = text(form, 'peopleRole') ?? 'victim';
  const reg = text(form, 'vehicle.registration');
  if (reg) entities.push({ ref: 'vehicle', kind: 'vehicle', registration: reg, make: text(form, 'vehicle.make'), colour: text(form, 'vehicle.colour'), registrationConfirmed: form['vehicle.confirmed'] === 'yes' });
  const place = text(form, 'location.label');
  if (place) entities.push({ ref: 'location', kind: 'location', label: place, locationType: text(form, 'location.type'), ward: text(form, 'location.ward') ?? null });
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
  return {
    raw: {
      summary: text(form, 'summary'),
      category: text(form, 'category'),
      occurredOn: occurredOn === 'invalid' ? undefined : occurredOn,
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

/** Field names of the API's errors -> the form's fields. */
function formErrors(errors: FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    let field = e.field;
    if (/^entities\.\d+\.registration$/.test(field)) field = 'vehicle.registration';
    else if (/^entities\.\d+\.(locationType)$/.test(field)) field = 'location.type';
    else if (/^entities\.\d+\.(ward)$/.test(field)) field = 'location.ward';
    else if (/^entities\.\d+\.label$/.test(field)) field = 'location.label';
    else if (/^(links|entities)/.test(field)) field = 'people';
    if (!out.some((x) => x.field === field)) out.push({ field, message: e.message });
  }
  return out;
}

const defaultPeriod = () => {
  const to = ukDate(new Date());
  return { from: addDays(to, -89), to };
};

export function intelligenceWeb(app: FastifyInstance, svc: Services) {
  app.get('/intelligence', async (req, reply) => {
    const actor = req.actor!;
    const items = await svc.intelligence.recent(actor);
    return reply.render('intelligence-dashboard.njk', {
      pageTitle: 'Intelligence',
      items,
      canCreate: can(actor.role, 'intelligence', 'create'),
      canDisruption: can(actor.role, 'disruption', 'read'),
    });
  });

  const newPage = async (reply: FastifyReply, actor: Actor, form: FormBody, errors?: FieldError[]) => {
    const chosen: Awaited<ReturnType<Services['people']['get']>>[] = [];
    for (const id of asList(form.personId)) chosen.push(await svc.people.get(actor, id, 'person.viewed_for_intelligence'));
    const q = text(form, 'q');
    const results = q ? (await svc.people.search(actor, q)).filter((r: { id: string }) => !chosen.some((c) => c.id === r.id)) : [];
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
      releaseAgencies: (await svc.admin.listAgencies(actor)).filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, checked: asList(form.releaseAgencyIds).includes(a.id) })),
      wards: [{ value: '', text: 'Not known' }, ...DEFAULT_WARDS.map((w) => ({ value: w, text: w, selected: w === text(form, 'location.ward') }))],
      roles: options(LINK_ROLE_LABELS, text(form, 'peopleRole') ?? 'victim'),
      occurred: dateParts(form, 'occurredOn'),
    });
  };

  app.get('/intelligence/new', async (req, reply) => {
    requireScope(req.actor!, 'intelligence', 'create');
    return newPage(reply, req.actor!, req.query as FormBody);
  });

  app.post('/intelligence', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'intelligence', 'create');
    const form = req.body as FormBody;
    const { raw, errors } = recordFromForm(form);
    if (asList(form.personId).length === 0) errors.push({ field: 'people', message: 'Add at least one child or young person the intelligence is about' });
    try {
      if (errors.length > 0) throw new Problem(422, 'Validation failed', undefined, errors);
      const key = typeof form.submissionId === 'string' && form.submissionId ? `form:${form.submissionId}` : undefined;
      const r = await svc.intelligence.record(actor, raw, key);
      return reply.redirect(paths.intelligenceItem(r.id), 303);
    } catch (err) {
      if (err instanceof Problem && err.status === 422) return newPage(reply, actor, form, formErrors([...errors, ...err.errors]));
      throw err;
    }
  });

  app.get('/intelligence/commonalities', async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'intelligence', 'read');
    const form = req.query as FormBody;
    const ids = asList(form.personIds);
    const chosen: Awaited<ReturnType<Services['people']['get']>>[] = [];
    for (const id of ids) chosen.push(await svc.people.get(actor, id, 'person.viewed_for_commonalities'));
    const q = text(form, 'q');
    const results = q ? (await svc.people.search(actor, q)).filter((r: { id: string }) => !ids.includes(r.id)) : [];
    const result = ids.length >= 2 && !q ? await svc.intelligence.commonalities(actor, ids) : null;
    return reply.render('intelligence-commonalities.njk', { pageTitle: 'What do they have in common?', chosen, q, results, result, linkTypes: LINK_TYPE_LABELS });
  });

  app.get('/intelligence/hotspots', async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'intelligence', 'read');
    const q = req.query as Record<string, string>;
    const period = { ...defaultPeriod(), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    let data = null;
    let errors: FieldError[] | undefined;
    try {
      data = await svc.intelligence.hotspots(actor, { ...period, category: q.category });
    } catch (err) {
      if (!(err instanceof Problem) || err.status !== 422) throw err;
      errors = err.errors;
    }
    return reply.status(errors ? 422 : 200).render('intelligence-hotspots.njk', {
      pageTitle: 'Hotspots',
      errors,
      period,
      data,
      dataJson: data ? jsonForScript({ wards: data.wards, locations: data.locations }) : null,
      categories: [{ value: '', text: 'All categories' }, ...Object.entries(CATEGORY_LABELS).map(([value, t]) => ({ value, text: t, selected: value === q.category }))],
      categoryLabels: CATEGORY_LABELS,
    });
  });

  app.get('/intelligence/panel', async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'intelligence', 'read');
    const q = req.query as Record<string, string>;
    const period = { ...defaultPeriod(), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    let pack = null;
    let errors: FieldError[] | undefined;
    try {
      pack = await svc.intelligence.panelPack(actor, period);
    } catch (err) {
      if (!(err instanceof Problem) || err.status !== 422) throw err;
      errors = err.errors;
    }
    return reply.status(errors ? 422 : 200).render('intelligence-panel.njk', { pageTitle: 'Exploitation Panel pack', errors, period, pack });
  });

  app.get('/intelligence/:id', async (req, reply) => {
    const item = await svc.intelligence.getItem(req.actor!, (req.params as { id: string }).id);
    return reply.render('intelligence-item.njk', { pageTitle: 'Intelligence report', item, roleLabels: LINK_ROLE_LABELS });
  });

  app.get('/people/:id/network', async (req, reply) => {
    const depth = (req.query as { depth?: string }).depth === '1' ? 1 : 2;
    const net = await svc.intelligence.network(req.actor!, (req.params as { id: string }).id, depth);
    const labels = new Map(net.nodes.map((n) => [n.id, n.label]));
    return reply.render('intelligence-network.njk', {
      pageTitle: `Network: ${net.centre.label}`,
      net,
      depth,
      links: net.links.map((l) => ({ ...l, fromLabel: labels.get(l.from), toLabel: labels.get(l.to), typeLabel: LINK_TYPE_LABELS[l.type as keyof typeof LINK_TYPE_LABELS] ?? l.type })),
      roleLabels: LINK_ROLE_LABELS,
      netJson: jsonForScript({ centre: net.centre.id, nodes: net.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, depth: n.depth })), links: net.links.map((l) => ({ id: l.id, from: l.from, to: l.to, type: l.type, grading: l.grading })) }),
      canCreate: can(req.actor!.role, 'intelligence', 'create'),
    });
  });

  // ---- disruption ----

  app.get('/disruption', async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'disruption', 'read');
    const q = req.query as Record<string, string>;
    const period = { ...defaultPeriod(), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    const [activities, report] = await Promise.all([svc.intelligence.disruptions(actor), svc.intelligence.disruptionReport(actor, period).catch(() => null)]);
    return reply.render('disruption-list.njk', { pageTitle: 'Disruption', activities, report, period, canCreate: can(actor.role, 'disruption', 'create'), canUpdate: can(actor.role, 'disruption', 'update') });
  });

  const disruptionPage = async (reply: FastifyReply, actor: Actor, form: FormBody, errors?: FieldError[]) => {
    const [tactics, agencies] = await Promise.all([svc.intelligence.tactics(actor), svc.admin.listAgencies(actor)]);
    const q = text(form, 'q');
    const targets = q ? await svc.intelligence.searchEntities(actor, q) : [];
    const targetId = text(form, 'targetEntityId');
    const target = targetId ? (await svc.intelligence.searchEntities(actor, '')).find((e) => e.id === targetId) : undefined;
    return reply.status(errors ? 422 : 200).render('disruption-new.njk', {
      pageTitle: 'Record disruption',
      errors,
      form,
      q,
      targets,
      target,
      tactics: tactics.filter((t) => t.active).map((t) => ({ value: t.code, text: t.label, checked: t.code === text(form, 'tactic') })),
      agencies: [{ value: '', text: 'Choose' }, ...agencies.map((a: { id: string; name: string }) => ({ value: a.id, text: a.name, selected: a.id === (text(form, 'ownerAgencyId') ?? actor.agencyId) }))],
      statuses: options(DISRUPTION_STATUS_LABELS, text(form, 'status')),
      outcomes: [{ value: '', text: 'Not yet' }, ...options(DISRUPTION_OUTCOME_LABELS, text(form, 'outcome'))],
      started: dateParts(form, 'startedOn'),
      ended: dateParts(form, 'endedOn'),
    });
  };

  app.get('/disruption/new', async (req, reply) => {
    requireScope(req.actor!, 'disruption', 'create');
    return disruptionPage(reply, req.actor!, req.query as FormBody);
  });

  app.post('/disruption', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'disruption', 'create');
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const startedOn = dateInput(form, 'startedOn');
    const endedOn = dateInput(form, 'endedOn');
    if (startedOn === 'invalid') errors.push({ field: 'startedOn', message: 'Enter the start date as a real date' });
    if (endedOn === 'invalid') errors.push({ field: 'endedOn', message: 'Enter the end date as a real date' });
    try {
      if (errors.length) throw new Problem(422, 'Validation failed', undefined, errors);
      await svc.intelligence.recordDisruption(actor, {
        tactic: text(form, 'tactic'),
        targetEntityId: text(form, 'targetEntityId'),
        ownerAgencyId: text(form, 'ownerAgencyId'),
        ownerName: text(form, 'ownerName'),
        startedOn,
        endedOn: endedOn || null,
        status: text(form, 'status'),
        outcome: text(form, 'outcome') ?? null,
        outcomeNotes: text(form, 'outcomeNotes'),
      });
      return reply.redirect(paths.disruption(), 303);
    } catch (err) {
      if (err instanceof Problem && err.status === 422) return disruptionPage(reply, actor, form, err.errors);
      throw err;
    }
  });

  app.post('/disruption/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'disruption', 'update');
    const form = req.body as FormBody;
    await svc.intelligence.updateDisruption(actor, (req.params as { id: string }).id, { status: text(form, 'status'), outcome: text(form, 'outcome') ?? null });
    return reply.redirect(paths.disruption(), 303);
  });
}
