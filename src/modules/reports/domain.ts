// Report shaping and statistical disclosure control. Pure: callers select the rows; these functions count and
// protect them.
export * from './disclosure.ts';
export * from './triage-report.ts';
