// The interview form's follow-up action slots: each filled slot becomes an action in the one tracker (the use case's
// `actions`); errors on actions[n] are shown on the slot's own fields.
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import type { FieldError } from '../../platform/http/problems.ts';

export const FOLLOW_UP_SLOTS = [1, 2] as const;
const name = (n: number, part: 'Title' | 'Agency' | 'Due') => `followUp${n}${part}`;

/** The filled slots as the use case's actions (in order), the slot each came from, and the form's own date errors. */
export function followUpsFromForm(form: FormBody) {
  const actions: { title: string; ownerAgencyId: string; dueOn: string }[] = [];
  const slots: number[] = [];
  const errors: FieldError[] = [];
  for (const n of FOLLOW_UP_SLOTS) {
    const title = one(form[name(n, 'Title')]).trim();
    const agency = one(form[name(n, 'Agency')]);
    const due = readDate(form, name(n, 'Due'), 'the due date', { required: !!(title || agency) });
    if (!title && !agency && !due.value && !due.error) continue;
    if (due.error) errors.push({ field: name(n, 'Due'), message: due.error });
    actions.push({ title, ownerAgencyId: agency, dueOn: due.value });
    slots.push(n);
  }
  return { actions, slots, errors };
}

/** actions[1].dueOn -> the second filled slot's due date field. */
export function onSlots(errors: FieldError[], slots: readonly number[]): FieldError[] {
  const part: Record<string, 'Title' | 'Agency' | 'Due'> = { title: 'Title', ownerAgencyId: 'Agency', ownerUserId: 'Agency', dueOn: 'Due' };
  return errors.map((e) => {
    const m = /^actions\[(\d+)\]\.(\w+)$/.exec(e.field);
    const n = m ? slots[Number(m[1])] : undefined;
    return m && n ? { ...e, field: name(n, part[m[2]] ?? 'Title') } : e;
  });
}

/** The slots as the template shows them: what was typed, the agencies to choose from. */
export function followUpSlots(form: FormBody, agencies: readonly { id: string; name: string; active: boolean }[]) {
  return FOLLOW_UP_SLOTS.map((n) => ({
    n,
    title: { id: name(n, 'Title'), value: one(form[name(n, 'Title')]) },
    agency: {
      id: name(n, 'Agency'),
      items: [
        { value: '', text: 'Choose an agency' },
        ...agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, selected: a.id === one(form[name(n, 'Agency')]) })),
      ],
    },
    due: {
      id: name(n, 'Due'),
      day: one(form[`${name(n, 'Due')}-day`]),
      month: one(form[`${name(n, 'Due')}-month`]),
      year: one(form[`${name(n, 'Due')}-year`]),
    },
  }));
}
