// Notices: the text of a letter or e-mail to the placing authority of a child placed from elsewhere, and to police
// or children's social care with a return home interview's findings. Pure: the caller passes the facts.
import { formatUkDateTime } from '../../platform/time.ts';
import {
  CLASSIFICATION_LABELS,
  type Classification,
  episodeDuration,
  type FieldError,
  formatDuration,
  POLICE_RISK_GRADE_LABELS,
  type PoliceRiskGrade,
} from './episodes.ts';
import { DECLINE_REASON_LABELS, type DeclineReason } from './interviews.ts';

export const NOTICE_KINDS = ['placing_authority', 'police', 'social_care'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  placing_authority: 'Placing local authority',
  police: 'Police (missing persons)',
  social_care: 'Children’s social care (MASH or allocated social worker)',
};
export const NOTICE_METHODS = ['secure_email', 'email', 'letter', 'phone'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];
export const NOTICE_METHOD_LABELS: Readonly<Record<NoticeMethod, string>> = {
  secure_email: 'Secure e-mail',
  email: 'E-mail',
  letter: 'Letter',
  phone: 'Phone call (record of what was said)',
};

export interface NoticeFacts {
  childName: string;
  dateOfBirth: string | null;
  classification: Classification;
  riskGrade: PoliceRiskGrade;
  reportedAt: Date;
  lastSeenAt: Date | null;
  lastSeenPlace: string | null;
  returnedAt: Date | null;
  foundPlace: string | null;
  policeReference: string | null;
  placingAuthority: string | null;
  partnershipName: string;
  senderName: string;
  interview?: {
    completedAt: Date | null;
    declinedAt: Date | null;
    declineReason: DeclineReason | null;
    whereWent: string | null;
    whoWith: string | null;
    travel: string | null;
    pushFactors: string | null;
    pullFactors: string | null;
    disclosures: string | null;
    nextSteps: string | null;
  } | null;
}

const line = (label: string, value: string | null | undefined) => `${label}: ${value?.trim() ? value.trim() : 'not recorded'}`;

/** The default text of a notice of this kind; the officer may edit it before it is recorded as sent. */
export function noticeText(kind: NoticeKind, f: NoticeFacts): string {
  const episode = [
    line('Child', f.childName),
    line('Date of birth', f.dateOfBirth),
    line('Classification', CLASSIFICATION_LABELS[f.classification]),
    line('Police risk grade', POLICE_RISK_GRADE_LABELS[f.riskGrade]),
    line('Police reference', f.policeReference),
    line('Last seen', f.lastSeenAt ? `${formatUkDateTime(f.lastSeenAt)}${f.lastSeenPlace ? `, ${f.lastSeenPlace}` : ''}` : f.lastSeenPlace),
    line('Reported missing', formatUkDateTime(f.reportedAt)),
    line('Returned', f.returnedAt ? formatUkDateTime(f.returnedAt) : 'not yet returned'),
    ...(f.returnedAt ? [line('Where found', f.foundPlace), line('Time missing', formatDuration(episodeDuration(f.reportedAt, f.returnedAt)))] : []),
  ];
  const i = f.interview;
  const findings = !i
    ? ['No return home interview has been recorded yet.']
    : i.completedAt
      ? [
          line('Return home interview completed', formatUkDateTime(i.completedAt)),
          line('Where the child went', i.whereWent),
          line('Who with', i.whoWith),
          line('How they travelled', i.travel),
          line('Push factors', i.pushFactors),
          line('Pull factors', i.pullFactors),
          line('Disclosures', i.disclosures),
          line('What happens next', i.nextSteps),
        ]
      : i.declinedAt
        ? [
            `The return home interview did not take place (${formatUkDateTime(i.declinedAt)}): ${i.declineReason ? DECLINE_REASON_LABELS[i.declineReason] : 'reason not recorded'}.`,
          ]
        : ['A return home interview has been offered and is not yet complete.'];
  const opening =
    kind === 'placing_authority'
      ? [
          `To: ${f.placingAuthority ?? 'the placing local authority'}`,
          '',
          `This is to tell you, as the placing authority, that a child you have placed in our area was reported ${f.classification === 'missing' ? 'missing' : 'away from placement without authorisation'}.`,
        ]
      : kind === 'police'
        ? ['To: Police missing persons team', '', 'Information from the return home interview, for the police record of this missing episode.']
        : ['To: Children’s social care (MASH or the allocated social worker)', '', 'Information from the return home interview about this missing episode.'];
  return [
    ...opening,
    '',
    'The episode',
    ...episode,
    '',
    'Return home interview',
    ...findings,
    '',
    'This information is shared to safeguard the child (Children Act 2004 s11; Data Protection Act 2018 Schedule 8 paragraph 4). Handle it as OFFICIAL-SENSITIVE.',
    '',
    f.senderName,
    f.partnershipName,
  ].join('\n');
}

/** Extra checks on an episode's context: "away without authorisation" applies to looked-after children only. */
export function validateEpisodeContext(input: {
  classification?: unknown;
  lookedAfter: boolean;
  responsibleAuthority: string | null;
  placedByOtherLa: boolean;
  placingAuthority: string | null;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (input.classification === 'away_without_authorisation' && !input.lookedAfter) {
    errors.push({
      field: 'classification',
      message: 'Away from placement without authorisation applies only to a looked-after child: say the child is looked after, or choose missing',
    });
  }
  if (input.placedByOtherLa && !input.placingAuthority) {
    errors.push({ field: 'placingAuthority', message: 'Enter the local authority that placed the child here' });
  }
  return errors;
}
