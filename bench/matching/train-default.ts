// Trains the default model shipped for partnerships that have not trained their own
// (`jigsaw persons train`): 50,000 generated fictional people, written to src/modules/matching/default-model.json.
// npx tsx bench/matching/train-default.ts
import { writeFileSync } from 'node:fs';
import { trainOnPersons } from '../../src/modules/matching/index.ts';
import { generatePeople } from './synthetic.ts';

const people = generatePeople(50_000, 20260601);
const t = performance.now();
const params = trainOnPersons(
  people.map((p) => ({
    id: p.id,
    givenName: p.given,
    familyName: p.family,
    dateOfBirth: p.dob,
    sex: p.sex,
    postcode: p.postcode,
    address: p.address,
    identifier: p.identifier,
  })),
);
params.training = { ...params.training, source: 'default model: 50,000 generated fictional people (bench/matching/train-default.ts)' };
writeFileSync(new URL('../../src/modules/matching/default-model.json', import.meta.url), `${JSON.stringify(params)}\n`);
console.log(`trained in ${((performance.now() - t) / 1000).toFixed(1)} s`);
