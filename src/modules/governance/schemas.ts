// Input of the information governance pages.
import { Type } from '@sinclair/typebox';
import { IsoDate, Uuid } from '../../platform/http/schemas.ts';

export const AUDIT_PAGE_SIZE = 50;

export const AuditTrailInput = Type.Object(
  {
    userId: Type.Optional(Type.Union([Uuid, Type.Literal('')], { errorMessage: 'Choose a user from the list' })),
    agencyId: Type.Optional(Type.Union([Uuid, Type.Literal('')], { errorMessage: 'Choose an agency from the list' })),
    action: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z_.]*$', errorMessage: 'Choose an action from the list' })),
    from: Type.Optional(Type.Union([IsoDate, Type.Literal('')], { errorMessage: 'Enter a real date for From, for example 27 3 2026' })),
    to: Type.Optional(Type.Union([IsoDate, Type.Literal('')], { errorMessage: 'Enter a real date for To, for example 27 3 2026' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, errorMessage: 'Choose a page number' })),
    /** Every matching event, for the CSV export (capped). */
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AuditTrailQuery = typeof AuditTrailInput.static;
