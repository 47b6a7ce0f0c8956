// Inputs of the child's Meetings tab.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http/schemas.ts';

export const PersonMeetingsInput = Type.Object({ personId: Uuid }, { additionalProperties: false });
