// The default toolkit, modelled on the public SERAF scoring (Hampshire and others) and covering both child sexual
// exploitation and criminal exploitation. A partnership with its own regionally agreed tool defines another Toolkit.
//
// Scoring decision: a vulnerability scores 1 when present now or in the last 6 months and 0 if only 6-12 months
// ago (SERAF scores a vulnerability that is "present"; an old one is history rather than a current vulnerability).
// Moderate indicators: 1 if current or in the last 6 months. Significant indicators: 5 if current or in the last
// 6 months, 1 if 6-12 months ago. A significant incident in the last 12 months forces `significant`.
import type { Indicator, SignificantIncident, Toolkit } from './toolkit.ts';

const both = ['cse', 'ce'] as const;
const cse = ['cse'] as const;
const ce = ['ce'] as const;

const vulnerabilities: Indicator[] = [
  { key: 'looked_after', label: 'Looked after child or care leaver', types: both },
  { key: 'domestic_abuse', label: 'Living with or exposed to domestic abuse', types: both },
  { key: 'parental_difficulties', label: 'Parental substance misuse or mental ill health', types: both },
  { key: 'history_of_abuse', label: 'History of abuse or neglect', types: both },
  { key: 'send', label: 'Learning disability or special educational needs', types: both },
  { key: 'bereavement', label: 'Recent bereavement or significant loss', types: both },
  { key: 'unstable_housing', label: 'Homeless or unstable accommodation', types: both },
  { key: 'isolated', label: 'Isolated from family, friends or community', types: both },
  { key: 'unaccompanied_migrant', label: 'Unaccompanied or trafficked migrant child', types: both },
].map((i) => ({ ...i, group: 'vulnerabilities' as const }));

const moderate: Indicator[] = [
  { key: 'missing', label: 'Missing from home or care', types: both },
  { key: 'school_absence', label: 'Absent from school, excluded or not in education', types: both },
  { key: 'older_associates', label: 'Associating with older or controlling people', types: both },
  { key: 'cars_unknown_adults', label: 'Getting into cars with unknown adults', types: both },
  { key: 'unexplained_items', label: 'Unexplained money, gifts, clothes, phones or phone credit', types: both },
  { key: 'risky_places', label: 'Frequenting places of concern (hotels, takeaways, taxi firms, parks)', types: both },
  { key: 'online_contact', label: 'Concerning online contact or night-time phone use', types: both },
  { key: 'substance_misuse', label: 'Drug or alcohol use', types: both },
  { key: 'self_harm', label: 'Self-harm or thoughts of suicide', types: both },
  { key: 'sexual_health', label: 'Sexually transmitted infection or pregnancy', types: cse },
  { key: 'multiple_phones', label: 'More than one phone or SIM card', types: ce },
  { key: 'exploited_peers', label: 'Friends or peers known to be exploited', types: both },
  { key: 'gang_association', label: 'Association with gangs or groups of concern', types: ce },
  { key: 'offending', label: 'Offending or antisocial behaviour', types: ce },
  { key: 'behaviour_change', label: 'Sudden change in mood, appearance or behaviour', types: both },
].map((i) => ({ ...i, group: 'moderate' as const }));

const significant: Indicator[] = [
  { key: 'repeat_missing', label: 'Repeatedly missing, or missing overnight', types: both },
  { key: 'found_out_of_area', label: 'Found out of area without explanation', types: both },
  { key: 'drug_debt', label: 'Drug debt or owing money to others', types: ce },
  { key: 'carrying_weapons', label: 'Carrying or hiding weapons', types: ce },
  { key: 'holding_drugs', label: 'Holding, selling or moving drugs or money for others', types: ce },
  { key: 'repeat_sexual_health', label: 'Repeat sexually transmitted infections, pregnancies or terminations', types: cse },
  { key: 'controlling_relationship', label: 'In a relationship with a controlling or much older person', types: cse },
  { key: 'sexual_images', label: 'Sexual images requested, shared or used to threaten', types: cse },
  { key: 'moved_between_places', label: 'Taken or moved between locations by others', types: both },
  { key: 'unexplained_injuries', label: 'Unexplained injuries or victim of violence', types: both },
].map((i) => ({ ...i, group: 'significant' as const }));

const significantIncidents: SignificantIncident[] = [
  { key: 'disclosure_sexual_abuse', label: 'Disclosure of sexual abuse or sexual exploitation', types: cse },
  { key: 'under_13_sexual', label: 'Child under 13 in a sexual relationship', types: cse },
  { key: 'hotels_known_offenders', label: 'Links with hotels or known offenders', types: both },
  { key: 'trap_house', label: 'Found in a trap house or an address used for dealing drugs', types: ce },
  { key: 'county_line', label: 'Found or arrested running drugs on a county line', types: ce },
  { key: 'serious_violence', label: 'Victim of serious violence linked to exploitation', types: both },
  { key: 'held_against_will', label: 'Held against their will, kidnapped or trafficked', types: both },
];

export const DEFAULT_TOOLKIT: Toolkit = {
  id: 'jigsaw-exploitation-screening',
  version: 1,
  name: 'Child exploitation screening tool (CSE and CE)',
  indicators: [...vulnerabilities, ...moderate, ...significant],
  significantIncidents,
  points: {
    vulnerabilities: { current: 1, past_6_months: 1, '6_to_12_months': 0, not_present: 0 },
    moderate: { current: 1, past_6_months: 1, '6_to_12_months': 0, not_present: 0 },
    significant: { current: 5, past_6_months: 5, '6_to_12_months': 1, not_present: 0 },
  },
  incidentForcingAnswers: ['current', 'past_6_months', '6_to_12_months'],
  bands: [
    { level: 'not_at_risk', min: 0, max: 5 },
    { level: 'mild', min: 6, max: 10 },
    { level: 'moderate', min: 11, max: 15 },
    { level: 'significant', min: 16, max: null },
  ],
};
