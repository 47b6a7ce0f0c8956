// The default toolkit for adults (18 and over at screening): the pathway is "for both vulnerable adults and children"
// (seed 004). Modelled on adult safeguarding practice (Care Act 2014 care and support needs, cuckooing, modern
// slavery and forced labour, financial abuse) and scored like the child toolkit, so the levels mean the same at
// triage. Sexual exploitation is tagged cse, criminal exploitation (cuckooing, county lines, forced labour) ce.
import { isAdultOn } from '../people/domain.ts';
import { DEFAULT_TOOLKIT } from './default-toolkit.ts';
import type { Indicator, SignificantIncident, Toolkit, ToolkitAudience } from './toolkit.ts';

const both = ['cse', 'ce'] as const;
const cse = ['cse'] as const;
const ce = ['ce'] as const;

const vulnerabilities: Indicator[] = [
  { key: 'care_support_needs', label: 'Has care and support needs (Care Act 2014)', types: both },
  { key: 'learning_disability', label: 'Learning disability, autism or brain injury', types: both },
  { key: 'mental_ill_health', label: 'Mental ill health', types: both },
  { key: 'substance_dependency', label: 'Dependent on drugs or alcohol', types: both },
  { key: 'insecure_housing', label: 'Homeless, sofa-surfing or at risk of losing their tenancy', types: both },
  { key: 'isolated', label: 'Lonely or isolated from family, friends or community', types: both },
  { key: 'care_leaver', label: 'Care leaver (under 25)', types: both },
  { key: 'previous_exploitation', label: 'Exploited or abused before, as a child or adult', types: both },
  { key: 'debt', label: 'In debt or serious financial hardship', types: both },
  { key: 'insecure_immigration', label: 'Insecure immigration status or no recourse to public funds', types: both },
].map((i) => ({ ...i, group: 'vulnerabilities' as const }));

const moderate: Indicator[] = [
  { key: 'new_friends_at_home', label: 'New "friends" visiting or staying at their home', types: both },
  { key: 'callers_all_hours', label: 'Visitors or callers at all hours; neighbours complain', types: ce },
  { key: 'money_missing', label: 'Money, benefits or belongings going missing, or unexplained new ones', types: both },
  { key: 'disengaged', label: 'Missing appointments or no longer engaging with services', types: both },
  { key: 'associates_of_concern', label: 'Associating with people of concern', types: both },
  { key: 'increased_substance_use', label: 'More drug or alcohol use than before', types: both },
  { key: 'phone_controlled', label: 'Phone controlled or answered by someone else', types: both },
  { key: 'self_neglect', label: 'Self-neglect, or their home falling into disrepair', types: both },
  { key: 'behaviour_change', label: 'Sudden change in mood, appearance or behaviour', types: both },
  { key: 'missing', label: 'Missing from home or their usual places', types: both },
].map((i) => ({ ...i, group: 'moderate' as const }));

const significant: Indicator[] = [
  { key: 'home_used_by_others', label: 'Home used by others to deal, store or use drugs (cuckooing)', types: ce },
  { key: 'money_controlled', label: 'Someone else controls their money, bank card or benefits', types: both },
  { key: 'documents_held', label: 'Identity documents held by someone else', types: both },
  { key: 'forced_work', label: 'Working for little or no pay, or made to work or beg', types: ce },
  { key: 'sex_in_exchange', label: 'Sex in exchange for drugs, money, housing or a debt', types: cse },
  { key: 'threats_violence', label: 'Threatened or hurt by associates', types: both },
  { key: 'moved_between_places', label: 'Taken or moved between addresses by others', types: both },
  { key: 'afraid_at_home', label: 'Afraid to be at home, or staying away from it', types: both },
].map((i) => ({ ...i, group: 'significant' as const }));

const significantIncidents: SignificantIncident[] = [
  { key: 'home_taken_over', label: 'Home taken over by others (cuckooing found by police or housing)', types: ce },
  { key: 'held_against_will', label: 'Held against their will, kidnapped or trafficked', types: both },
  { key: 'disclosure_sexual_exploitation', label: 'Disclosure of sexual exploitation', types: cse },
  { key: 'serious_violence', label: 'Victim of serious violence linked to exploitation', types: both },
];

export const DEFAULT_ADULT_TOOLKIT: Toolkit = {
  id: 'jigsaw-adult-exploitation-screening',
  version: 1,
  name: 'Adult exploitation screening tool (cuckooing, criminal and sexual exploitation, modern slavery)',
  audience: 'adult',
  indicators: [...vulnerabilities, ...moderate, ...significant],
  significantIncidents,
  points: DEFAULT_TOOLKIT.points,
  incidentForcingAnswers: DEFAULT_TOOLKIT.incidentForcingAnswers,
  bands: DEFAULT_TOOLKIT.bands,
};

/** Whom a screening is for: by the subject's age on the day of screening; no date of birth screens as a child. */
export const audienceOn = (dateOfBirth: string | null, day: string): ToolkitAudience => (isAdultOn(dateOfBirth, day) ? 'adult' : 'child');

/** The bundled toolkit for an audience, installed for a partnership that has none of its own. */
export const defaultToolkitFor = (audience: ToolkitAudience): Toolkit => (audience === 'adult' ? DEFAULT_ADULT_TOOLKIT : DEFAULT_TOOLKIT);
