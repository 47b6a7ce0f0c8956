// Typed path builders, so templates and handlers never assemble URLs by hand.
export const paths = {
  home: () => '/',
  signIn: () => '/sign-in',
  signOut: () => '/sign-out',
  twoFactor: () => '/sign-in/two-factor',
  twoFactorSetup: () => '/sign-in/two-factor/setup',
  invitation: (token: string) => `/invitation/${encodeURIComponent(token)}`,
  referrals: () => '/referrals',
  newReferral: (personId?: string) => (personId ? `/referrals/new?personId=${encodeURIComponent(personId)}` : '/referrals/new'),
  referral: (id: string) => `/referrals/${id}`,
  people: () => '/people',
  person: (id: string) => `/people/${id}`,
  personReferrals: (id: string) => `/people/${id}/referrals`,
  adminAgencies: () => '/admin/agencies',
  adminUsers: () => '/admin/users',
  adminNewUser: () => '/admin/users/new',
  adminUser: (id: string) => `/admin/users/${id}`,
  adminTokens: () => '/admin/tokens',
  governance: () => '/governance',
  personAccess: (id: string) => `/governance/people/${id}`,
};
export type Paths = typeof paths;
