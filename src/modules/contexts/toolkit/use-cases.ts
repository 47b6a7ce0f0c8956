// The context assessment toolkit (issue 19.4): read by whoever assesses contexts; the partnership administrator and
// the hub coordinator add an area, rename one (a default renamed becomes the partnership's row over it), withdraw one
// or bring it back. Each change is audited ('context_toolkit.changed'). Assessments already recorded keep the labels
// they were rated with (context_assessment_rating.area_label); a withdrawn area is not offered on new ones.
import type { Db } from '../../../platform/db/connect.ts';
import { notFound, Problem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { CONTEXT_KINDS, type ContextKind, KIND_LABELS } from '../domain.ts';
import { areaCodeFrom, KIND_PLURALS, sameLabel, type ToolkitArea, tidyLabel, toolkitAreas } from './domain.ts';
import { AddAreaInput, AreaRef, ChangeAreaInput } from './schemas.ts';
import * as store from './store.ts';

const ABOUT_NO_ONE = 'reference data: the partnership’s context assessment areas, about no one';

async function areasOf(db: Db, partnershipId: string, kind: ContextKind, forUpdate = false) {
  return toolkitAreas(kind, await store.ownAreas(db, partnershipId, kind, forUpdate));
}

/** A label another area of the kind has already: 409, naming the field. */
function duplicate(kind: ContextKind, taken: ToolkitArea) {
  const message = `There is already an area called “${taken.label}” for ${KIND_PLURALS[kind]}${taken.active ? '' : ' (withdrawn: bring it back instead)'}`;
  return new Problem(409, 'Conflict', message, [{ field: 'label', message }]);
}

export type AreaView = ToolkitArea & { kind: ContextKind };

export const contextToolkit = useCase({
  name: 'contexts.toolkit',
  permission: ['context_toolkit', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const rows = await store.ownAreas(db, actor.partnershipId);
    return {
      kinds: CONTEXT_KINDS.map((kind) => ({
        kind,
        label: KIND_LABELS[kind],
        areas: toolkitAreas(
          kind,
          rows.filter((r) => r.context_kind === kind),
        ),
      })),
    };
  },
  audit: { none: ABOUT_NO_ONE },
});

/** One area, for the page that changes it. */
export const toolkitArea = useCase({
  name: 'contexts.toolkitArea',
  permission: ['context_toolkit', 'manage'],
  input: AreaRef,
  async run({ db, actor }, { kind, code }): Promise<AreaView> {
    const area = (await areasOf(db, actor.partnershipId, kind)).find((a) => a.code === code);
    if (!area) throw notFound('The assessment area');
    return { kind, ...area };
  },
  audit: { none: ABOUT_NO_ONE },
});

export const addToolkitArea = useCase({
  name: 'contexts.addToolkitArea',
  permission: ['context_toolkit', 'manage'],
  input: AddAreaInput,
  async run({ db, actor }, input): Promise<AreaView> {
    const label = tidyLabel(input.label);
    const areas = await areasOf(db, actor.partnershipId, input.kind, true);
    const taken = areas.find((a) => sameLabel(a.label, label));
    if (taken) throw duplicate(input.kind, taken);
    const code = areaCodeFrom(label, new Set(areas.map((a) => a.code)));
    await store.saveArea(db, { partnership_id: actor.partnershipId, context_kind: input.kind, code, label, active: true });
    return { kind: input.kind, code, label, defaultLabel: null, source: 'own', active: true };
  },
  audit: {
    change: 'context_toolkit.changed',
    subject: (a) => ({
      type: 'context_assessment_area',
      id: `${a.kind}/${a.code}`,
      details: { changes: ['added'], kind: a.kind, code: a.code, label: a.label, active: true },
    }),
  },
});

export const changeToolkitArea = useCase({
  name: 'contexts.changeToolkitArea',
  permission: ['context_toolkit', 'manage'],
  input: ChangeAreaInput,
  async run({ db, actor }, input): Promise<AreaView & { changed: boolean; before: { label: string; active: boolean } }> {
    const label = tidyLabel(input.label);
    const areas = await areasOf(db, actor.partnershipId, input.kind, true);
    const area = areas.find((a) => a.code === input.code);
    if (!area) throw notFound('The assessment area');
    const taken = areas.find((a) => a.code !== area.code && sameLabel(a.label, label));
    if (taken) throw duplicate(input.kind, taken);
    const before = { label: area.label, active: area.active };
    // Saving what is already there (a second click) is no change: no row written, no event.
    const changed = label !== area.label || input.active !== area.active;
    if (changed) await store.saveArea(db, { partnership_id: actor.partnershipId, context_kind: input.kind, code: area.code, label, active: input.active });
    const source = area.defaultLabel === null ? 'own' : label === area.defaultLabel ? 'default' : 'renamed';
    return { kind: input.kind, code: area.code, label, defaultLabel: area.defaultLabel, source, active: input.active, changed, before };
  },
  audit: {
    change: 'context_toolkit.changed',
    subject: (a) =>
      a.changed
        ? {
            type: 'context_assessment_area',
            id: `${a.kind}/${a.code}`,
            details: {
              changes: [...(a.before.label !== a.label ? ['renamed'] : []), ...(a.before.active !== a.active ? [a.active ? 'restored' : 'withdrawn'] : [])],
              kind: a.kind,
              code: a.code,
              label: a.label,
              active: a.active,
              before: a.before,
            },
          }
        : null,
  },
});
