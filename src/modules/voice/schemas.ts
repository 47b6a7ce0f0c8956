// The child's voice: the child's own views and the family's, optional text wherever they are recorded.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http/schemas.ts';

export const VOICE_MAX = 2000;

const views = (label: string, description: string) =>
  Type.Optional(
    Type.String({
      maxLength: VOICE_MAX,
      description,
      errorMessage: { maxLength: `${label} must be ${VOICE_MAX} characters or fewer`, type: `${label} must be text` },
    }),
  );

/** Spread into a referral's, a triage decision's or the plan's input. */
export const VoiceFields = {
  childViews: views('The child’s views', 'What the child (or adult) says, in their own words where possible'),
  familyViews: views('The family’s views', 'What their parents, carers or family say'),
};

export const PlanVoiceInput = Type.Object({ personId: Uuid, ...VoiceFields }, { additionalProperties: false });
export const PersonRef = Type.Object({ personId: Uuid }, { additionalProperties: false });
