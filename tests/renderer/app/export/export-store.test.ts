import { describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, optionsOf } from '../../../../renderer/app/export/export-store';

describe('optionsOf', () => {
  it('sends a proof with no bleed, marks or profile', () => {
    expect(optionsOf({ ...DEFAULT_CHOICES, variant: 'proof' }, false)).toEqual({ ok: true, options: { variant: 'proof', jpegQuality: 85, maxPpi: 300, force: false } });
  });

  it('sends every print choice for x4-cmyk, the custom profile path trimmed, and the override', () => {
    const r = optionsOf({ ...DEFAULT_CHOICES, variant: 'x4-cmyk', bleedMm: '5', marks: false, profile: 'custom', profilePath: ' /icc/plant.icc ', jpegQuality: '70', maxPpi: '250' }, true);
    expect(r).toEqual({ ok: true, options: { variant: 'x4-cmyk', bleedMm: 5, marks: false, profilePath: '/icc/plant.icc', jpegQuality: 70, maxPpi: 250, force: true } });
  });

  it('leaves the profile out when the bundled one is chosen', () => {
    const r = optionsOf({ ...DEFAULT_CHOICES, variant: 'x4', profilePath: '/ignored.icc' }, false);
    expect(r.ok && r.options.profilePath).toBe(undefined);
  });

  it('names every field out of range instead of sending it', () => {
    const r = optionsOf({ ...DEFAULT_CHOICES, variant: 'x4', bleedMm: '30', jpegQuality: '85.5', maxPpi: 'abc', profile: 'custom', profilePath: '' }, false);
    expect(r).toEqual({ ok: false, bad: ['bleedMm', 'jpegQuality', 'maxPpi', 'profilePath'] });
  });
});
