/**
 * The normaliser's speed-up (a fast path for text with nothing to change,
 * linear offset mapping between rounds, less work per Han character) changed
 * no decision: it is compared with the normaliser as it was before, kept
 * verbatim in `reference/normalize-before.ts`, on random copy and the seed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNormalizations } from '../../../shared/text/normalize';
import { findNormalizations as findBefore } from './reference/normalize-before';

const SEED = readFileSync(fileURLToPath(new URL('../../../fixtures/seed/000_06c4c4664c43f101.txt', import.meta.url)), 'utf8');

// Every character some rule acts on, with Han, Latin, digits and full-width forms around them.
const alphabet = fc.constantFrom(
  ...'社会治理萧山杭州abcXYZ0189０９Ａｚ ,.:;!?()"\'-―…—，。：．％“”（）、《》%·\t\u00a0记者摄𠀀'.split(''),
  '。。。',
  '···',
  '……',
  '——',
  'https://x.cn/a,b',
  'a@b.cn',
  'www.xs.gov.cn',
  '本报讯',
);
const copy = fc.array(alphabet, { maxLength: 80 }).map((a) => a.join(''));

describe('findNormalizations after its speed-up', () => {
  it('decides exactly as before on random copy, with and without keepSpaces', () => {
    fc.assert(
      fc.property(copy, fc.boolean(), (text, keepSpaces) => {
        expect(findNormalizations(text, { keepSpaces })).toEqual(findBefore(text, { keepSpaces }));
      }),
      { numRuns: 3000 },
    );
  });

  it('decides exactly as before on the seed text, paragraph by paragraph and whole', () => {
    for (const paragraph of SEED.split('\n')) expect(findNormalizations(paragraph)).toEqual(findBefore(paragraph));
    expect(findNormalizations(SEED)).toEqual(findBefore(SEED));
  });

});
