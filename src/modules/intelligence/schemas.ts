// Intelligence and disruption input: one schema per input for the API, the pages and the use cases.
import { type TSchema, Type } from '@sinclair/typebox';
import { can, ROLES } from '../../platform/access/policy.ts';
import { Enum, Period, Uuid } from '../../platform/http/schemas.ts';
import {
  CATEGORIES,
  DEFAULT_WARDS,
  DISRUPTION_OUTCOMES,
  DISRUPTION_STATUSES,
  ENTITY_KINDS,
  GROUP_TYPES,
  LINK_ROLES,
  LINK_TYPES,
  LOCATION_TYPES,
  ORGANISATION_TYPES,
} from './vocab.ts';

const Nullable = <T extends TSchema>(t: T, options: Record<string, unknown> = {}) => Type.Union([t, Type.Null()], options);
const text = (maxLength: number, label: string) =>
  Type.String({ maxLength, errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text` } });
const date = (message: string) =>
  Type.String({ format: 'date', description: 'YYYY-MM-DD', errorMessage: { format: message, type: message, required: message } });

/** A handling code C item may be released only to roles that may read intelligence at all. */
export const RELEASE_ROLES = ROLES.filter((r) => can(r, 'intelligence', 'read'));

export const EntityRef = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 40, description: 'How the links of this report refer to the entity' }),
    id: Type.Optional(Uuid),
    personId: Type.Optional(
      Type.String({ format: 'uuid', description: 'A Jigsaw person (child or adult) by id', errorMessage: { format: 'Not a known record' } }),
    ),
    kind: Type.Optional(Enum(ENTITY_KINDS, { errorMessage: { enum: 'Choose what kind of thing this is' } })),
    label: Type.Optional(text(200, 'The name')),
    locationType: Type.Optional(Enum(LOCATION_TYPES, { errorMessage: { enum: 'Choose the type of location' } })),
    ward: Type.Optional(Nullable(Enum(DEFAULT_WARDS), { errorMessage: { anyOf: `Choose a ward of the borough (${DEFAULT_WARDS.join(', ')})` } })),
    x: Type.Optional(Nullable(Type.Number())),
    y: Type.Optional(Nullable(Type.Number())),
    registration: Type.Optional(text(20, 'The registration')),
    registrationConfirmed: Type.Optional(Type.Boolean({ description: 'Keep a registration that is not a UK format (recorded as seen)' })),
    make: Type.Optional(text(100, 'The make')),
    colour: Type.Optional(text(50, 'The colour')),
    organisationType: Type.Optional(Enum(ORGANISATION_TYPES, { errorMessage: { enum: 'Choose the type of organisation' } })),
    groupType: Type.Optional(Enum(GROUP_TYPES, { errorMessage: { enum: 'Choose the type of group' } })),
    phoneNumber: Type.Optional(text(30, 'The phone number')),
    platform: Type.Optional(text(100, 'The platform')),
    handle: Type.Optional(text(200, 'The handle')),
  },
  {
    $id: 'IntelligenceEntityRef',
    additionalProperties: false,
    description: 'An existing entity (id), a Jigsaw person (personId), or a new entity (kind and its fields)',
  },
);

const linkRole = Type.Optional(Nullable(Enum(LINK_ROLES), { errorMessage: { anyOf: 'Choose victim, person of concern or associate' } }));

export const LinkIn = Type.Object(
  {
    from: Type.String({
      minLength: 1,
      description: 'ref of an entity of this report',
      errorMessage: { required: 'Choose what the link is from', minLength: 'Choose what the link is from' },
    }),
    to: Type.String({
      minLength: 1,
      description: 'ref of an entity of this report',
      errorMessage: { required: 'Choose what the link is to', minLength: 'Choose what the link is to' },
    }),
    type: Enum(LINK_TYPES, { errorMessage: { enum: 'Choose the type of link', required: 'Choose the type of link' } }),
    fromRole: linkRole,
    toRole: linkRole,
    since: Type.Optional(
      Nullable(date('The since date must be a real date, YYYY-MM-DD'), { errorMessage: { anyOf: 'The since date must be a real date, YYYY-MM-DD' } }),
    ),
    until: Type.Optional(
      Nullable(date('The until date must be a real date, YYYY-MM-DD'), { errorMessage: { anyOf: 'The until date must be a real date, YYYY-MM-DD' } }),
    ),
  },
  { $id: 'IntelligenceLinkInput', additionalProperties: false },
);

export const IntelligenceBody = Type.Object(
  {
    summary: Type.String({
      maxLength: 10_000,
      errorMessage: {
        required: 'Enter what was seen, heard or reported',
        maxLength: 'The summary must be 10,000 characters or fewer',
        type: 'The summary must be text',
      },
    }),
    category: Enum(CATEGORIES, { errorMessage: { required: 'Choose the category of concern', enum: 'Choose the category of concern' } }),
    occurredOn: date('Enter when it happened as a real date'),
    grading: Type.String({
      description: '3x5x2: source 1-3, intelligence A-E, handling P or C, like 2BC',
      errorMessage: { required: 'Enter the grading as source 1-3, intelligence A-E and handling P or C, like 2BC' },
    }),
    handlingConditions: Type.Optional(Nullable(text(2000, 'The handling conditions'))),
    releaseRoles: Type.Optional(
      Type.Array(Enum(RELEASE_ROLES, { errorMessage: { enum: 'Release only to roles that may read intelligence' } }), {
        description: 'Roles a C item is also released to',
      }),
    ),
    releaseAgencyIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, description: 'Agencies a C item is also released to' })),
    sourceRecord: Type.Optional(Nullable(text(200, 'The source record'))),
    entities: Type.Array(EntityRef, { maxItems: 50, errorMessage: { maxItems: 'At most 50 entities in one report' } }),
    links: Type.Array(LinkIn, {
      minItems: 1,
      maxItems: 100,
      errorMessage: { minItems: 'Link at least two things: who or what the intelligence is about', maxItems: 'At most 100 links in one report' },
    }),
  },
  {
    $id: 'IntelligenceInput',
    additionalProperties: false,
    examples: [
      {
        summary: 'Ann Example was seen getting into a grey Ford Focus with an older man outside Northmoor bus station after school.',
        category: 'cse',
        occurredOn: '2026-03-14',
        grading: '2BP',
        sourceRecord: 'School log 2026-114',
        entities: [
          { ref: 'child', personId: '6f1c1d7e-0000-4000-8000-000000000001' },
          { ref: 'car', kind: 'vehicle', registration: 'NM12 ABC', make: 'Ford Focus', colour: 'Grey' },
          { ref: 'station', kind: 'location', label: 'Northmoor bus station', locationType: 'transport_hub', ward: 'Castlegate' },
        ],
        links: [
          { from: 'child', to: 'station', type: 'seen_at', fromRole: 'victim', since: '2026-03-14' },
          { from: 'car', to: 'station', type: 'seen_at' },
        ],
      },
    ],
  },
);

/** What the record use case takes: the body, plus the retry key (API header or the form's submission id). */
export const RecordIntelligenceInput = Type.Object(
  { ...IntelligenceBody.properties, idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 220 })) },
  { additionalProperties: false },
);
export type RecordIntelligence = typeof RecordIntelligenceInput.static;
export type EntityRefInput = typeof EntityRef.static;
export type LinkInput = typeof LinkIn.static;

export const Id = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PersonIntelligenceQuery = Type.Object(
  { personId: Uuid, from: Type.Optional(Type.String({ format: 'date', errorMessage: 'The start must be a date, like 2026-03-01' })) },
  { additionalProperties: false },
);

export const EntitySearch = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(Enum(ENTITY_KINDS)) },
  { additionalProperties: false },
);

export const NetworkQuery = Type.Object(
  { depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, description: 'Steps from the centre: 1 or 2 (the default)' })) },
  { additionalProperties: false },
);
export const NetworkInput = Type.Object({ id: Uuid, ...NetworkQuery.properties }, { additionalProperties: false });

export const MAX_COMMONALITY_PEOPLE = 20;
const chooseBetween = `Choose between 2 and ${MAX_COMMONALITY_PEOPLE} people`;
export const CommonalitiesQuery = Type.Object(
  { personIds: Type.String({ description: `Comma-separated person (or entity) ids, 2 to ${MAX_COMMONALITY_PEOPLE}` }) },
  { additionalProperties: false },
);
export const CommonalitiesInput = Type.Object(
  {
    personIds: Type.Array(Type.String({ format: 'uuid', errorMessage: { format: 'Not a known record' } }), {
      minItems: 2,
      maxItems: MAX_COMMONALITY_PEOPLE,
      uniqueItems: true,
      errorMessage: { minItems: chooseBetween, maxItems: chooseBetween, uniqueItems: 'Choose each person once', required: chooseBetween },
    }),
  },
  { additionalProperties: false },
);

export const HotspotsQuery = Type.Object(
  { ...Period.properties, category: Type.Optional(Enum(CATEGORIES, { errorMessage: { enum: 'Choose a category' } })) },
  { additionalProperties: false },
);

// ---- disruption ----

export const TacticCode = Type.Object(
  { code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', errorMessage: { pattern: 'A code is lower-case letters, digits and underscores' } }) },
  { additionalProperties: false },
);
export const TacticBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 200, errorMessage: { required: 'Enter the name of the tactic', minLength: 'Enter the name of the tactic' } }),
    targetKinds: Type.Array(Enum(ENTITY_KINDS), {
      minItems: 1,
      errorMessage: { minItems: 'Choose what it can be against', required: 'Choose what it can be against' },
    }),
    active: Type.Optional(Type.Boolean()),
  },
  {
    $id: 'DisruptionTacticInput',
    additionalProperties: false,
    examples: [{ label: 'Taxi licensing warning letter', targetKinds: ['organisation', 'vehicle'], active: true }],
  },
);
export const SetTacticInput = Type.Object({ ...TacticCode.properties, ...TacticBody.properties }, { additionalProperties: false });

const outcome = Type.Optional(Nullable(Enum(DISRUPTION_OUTCOMES), { errorMessage: { anyOf: 'Choose the outcome' } }));
const endedOn = Type.Optional(Nullable(date('Enter the end date as a real date'), { errorMessage: { anyOf: 'Enter the end date as a real date' } }));
const status = Enum(DISRUPTION_STATUSES, { errorMessage: { enum: 'Choose the status', required: 'Choose the status' } });

export const DisruptionBody = Type.Object(
  {
    tactic: Type.String({ errorMessage: { required: 'Choose a disruption tactic' } }),
    targetEntityId: Type.String({
      format: 'uuid',
      errorMessage: {
        required: 'Choose the person, place, vehicle or business it is against',
        format: 'Choose the person, place, vehicle or business it is against',
      },
    }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Choose the agency that owns it', format: 'Choose the agency that owns it' } }),
    ownerName: Type.Optional(Nullable(text(200, 'The owner’s name'))),
    startedOn: date('Enter the start date as a real date'),
    endedOn,
    status,
    outcome,
    outcomeNotes: Type.Optional(Nullable(text(5000, 'The outcome notes'))),
  },
  {
    $id: 'DisruptionInput',
    additionalProperties: false,
    examples: [
      {
        tactic: 'cawn',
        targetEntityId: '6f1c1d7e-0000-4000-8000-000000000002',
        ownerAgencyId: '6f1c1d7e-0000-4000-8000-000000000003',
        ownerName: 'PC Sam Example',
        startedOn: '2026-03-16',
        status: 'in_progress',
      },
    ],
  },
);
export type DisruptionInput = typeof DisruptionBody.static;

const changes = { status: Type.Optional(status), endedOn, outcome, outcomeNotes: Type.Optional(Nullable(text(5000, 'The outcome notes'))) };
export const DisruptionChanges = Type.Object(changes, {
  $id: 'DisruptionChanges',
  additionalProperties: false,
  minProperties: 1,
  errorMessage: { minProperties: 'Send at least one change' },
  examples: [
    { status: 'completed', endedOn: '2026-04-02', outcome: 'successful', outcomeNotes: 'Notice served; no further sightings at Northmoor bus station.' },
  ],
});
export const UpdateDisruptionInput = Type.Object({ id: Uuid, ...changes }, { additionalProperties: false });

export const DisruptionQuery = Type.Object(
  {
    targetEntityId: Type.Optional(Uuid),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 200,
        description: 'At most this many, newest first (default 200)',
        errorMessage: {
          type: 'limit must be a whole number from 1 to 200',
          minimum: 'limit must be a whole number from 1 to 200',
          maximum: 'limit must be a whole number from 1 to 200',
        },
      }),
    ),
  },
  { additionalProperties: false },
);
