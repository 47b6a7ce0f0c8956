// The child's voice: blank is not a view; where a view was recorded, in words.
export const RECORDED_IN_LABELS: Readonly<Record<string, string>> = {
  referral: 'in the referral',
  triage_decision: 'at triage',
  plan: 'in the plan',
};

/** Trimmed views, blank as absent; null when neither was given (nothing to record). */
export function voiceOf(input: { childViews?: string; familyViews?: string }): { childViews: string | null; familyViews: string | null } | null {
  const childViews = input.childViews?.trim() || null;
  const familyViews = input.familyViews?.trim() || null;
  return childViews || familyViews ? { childViews, familyViews } : null;
}
