// Delivery plan input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { ACTION_STATUSES, NAME_MAX, PROGRESS_MAX, RAGS, TEXT_MAX, TITLE_MAX } from './domain.ts';

const required = (max: number, missing: string, what: string) =>
  Type.String({
    minLength: 1,
    maxLength: max,
    errorMessage: { required: missing, minLength: missing, maxLength: `${what} must be ${max} characters or fewer` },
  });
const date = (what: string, example: string) =>
  Type.String({
    format: 'date',
    errorMessage: { required: `Enter ${what}`, format: `${what[0].toUpperCase()}${what.slice(1)} must be a real date, for example ${example}` },
  });
const choice = (message: string) => Type.String({ format: 'uuid', errorMessage: { required: message, format: message } });

const status = Enum(ACTION_STATUSES);
const rag = Enum(RAGS);

export const PlanActionFields = {
  text: required(TEXT_MAX, 'Enter the action', 'The action'),
  leadOfficer: required(300, 'Enter the lead officer', 'The lead officer'),
  leadOrganisation: required(200, 'Enter the lead organisation', 'The lead organisation'),
  /** The lead as a Jigsaw user of the partnership, when they are one. */
  leadUserId: Type.Optional(choice('Choose a member of staff from the list')),
  dueOn: date('the timescale (due date)', '2027-03-31'),
  status: Type.Optional(status),
  rag: Type.Optional(rag),
};
const PlanActionInput = Type.Object(PlanActionFields, { additionalProperties: false });
const ObjectiveInput = Type.Object(
  { text: required(TEXT_MAX, 'Enter the objective', 'The objective'), actions: Type.Optional(Type.Array(PlanActionInput, { maxItems: 200 })) },
  { additionalProperties: false },
);
const PriorityInput = Type.Object(
  { title: required(TITLE_MAX, 'Enter the priority', 'The priority'), objectives: Type.Optional(Type.Array(ObjectiveInput, { maxItems: 50 })) },
  { additionalProperties: false },
);

export const CreatePlanInput = Type.Object(
  {
    name: required(NAME_MAX, 'Enter the name of the plan', 'The name'),
    from: date('the start of the plan’s period', '2026-04-01'),
    to: date('the end of the plan’s period', '2027-03-31'),
    priorities: Type.Optional(Type.Array(PriorityInput, { maxItems: 20 })),
  },
  {
    $id: 'DeliveryPlanCreateInput',
    additionalProperties: false,
    examples: [
      {
        name: 'Exploitation delivery plan 2026-27 (fictional)',
        from: '2026-04-01',
        to: '2027-03-31',
        priorities: [
          {
            title: 'Prevent',
            objectives: [
              {
                text: 'Children, parents and carers know the signs of exploitation.',
                actions: [
                  {
                    text: 'Awareness sessions in every secondary school.',
                    leadOfficer: 'Education Safeguarding Lead',
                    leadOrganisation: 'Northmoor Borough Council (fictional)',
                    dueOn: '2026-12-31',
                    status: 'in_progress',
                    rag: 'amber',
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
);

export const PlanRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PlanActionRef = Type.Object({ id: Uuid, actionId: Uuid }, { additionalProperties: false });

export const AddPriorityInput = Type.Object({ id: Uuid, title: PriorityInput.properties.title }, { additionalProperties: false });
export const AddObjectiveInput = Type.Object(
  { id: Uuid, priorityId: choice('Select the priority'), text: ObjectiveInput.properties.text },
  { additionalProperties: false },
);
export const AddPlanActionInput = Type.Object({ id: Uuid, objectiveId: choice('Select the objective'), ...PlanActionFields }, { additionalProperties: false });

export const ActionProgressInput = Type.Object(
  {
    id: Uuid,
    actionId: Uuid,
    text: required(PROGRESS_MAX, 'Enter the progress made', 'Progress'),
    datedOn: Type.Optional(date('the date of the update', '2026-11-27')),
    status: Type.Optional(status),
    rag: Type.Optional(rag),
  },
  { additionalProperties: false },
);

export const SpawnTrackerActionInput = Type.Object(
  {
    id: Uuid,
    actionId: Uuid,
    title: required(500, 'Enter what needs to be done', 'What needs to be done'),
    ownerAgencyId: choice('Select the agency responsible'),
    dueOn: date('a due date', '2027-01-31'),
  },
  { additionalProperties: false },
);
