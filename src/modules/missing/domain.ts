// Missing-episode rules: validation, duration, repeat missing, return home interviews and the quarterly report.
// Pure: no I/O; "now" is always passed in.
export * from './episodes.ts';
export * from './interviews.ts';
export * from './notices.ts';
export * from './profiles.ts';
export * from './report.ts';
