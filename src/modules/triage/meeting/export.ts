// The triage meeting's minutes as CSV, with the meetings module's formula-safe cell.
import { cell } from '../../meetings/minutes/export.ts';
import { type DayDecision, minutesRows } from './domain.ts';

export const triageMinutesCsv = (day: string, decisions: DayDecision[]) =>
  `${minutesRows(day, decisions)
    .map((r) => r.map(cell).join(','))
    .join('\r\n')}\r\n`;
