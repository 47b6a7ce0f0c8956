// The minutes as CSV: one row per section, decision and action, as the reader may read them.
type Minutes = {
  meeting: { title: string; startsAt: string };
  items: { title: string; sections: { body: string; handling: string; restricted: boolean; recordedBy: string | null }[] }[];
  otherSections: { body: string; handling: string; restricted: boolean; recordedBy: string | null }[];
  decisions: { text: string; itemId: string | null }[];
  actions: { title: string; ownerAgencyName: string; dueOn: string; status: string }[];
};

// A leading = + - @ would run as a formula in a spreadsheet.
export const cell = (v: string) => {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function minutesCsv(m: Minutes): string {
  const rows: string[][] = [['meeting', 'starts at', 'kind', 'agenda item', 'text', 'handling', 'by or owner', 'due', 'status']];
  const base = [m.meeting.title, m.meeting.startsAt];
  for (const i of m.items)
    for (const s of i.sections)
      rows.push([...base, 'minutes', i.title, s.body, s.restricted ? `restricted (${s.handling})` : s.handling, s.recordedBy ?? '', '', '']);
  for (const s of m.otherSections) rows.push([...base, 'minutes', '', s.body, s.handling, s.recordedBy ?? '', '', '']);
  for (const d of m.decisions) rows.push([...base, 'decision', '', d.text, '', '', '', '']);
  for (const a of m.actions) rows.push([...base, 'action', '', a.title, '', a.ownerAgencyName, a.dueOn, a.status]);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
