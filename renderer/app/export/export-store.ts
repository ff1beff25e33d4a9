/**
 * The export dialog's state outside React: whether it is open, and the
 * choices last made (kept in localStorage, so the next export starts there).
 */
import type { ExportOptions } from '../../../shared/host/host-api';
import { EXPORT_VARIANTS } from '../../../shared/host/host-api';
import { Store } from '../../base/store';

const STORAGE_KEY = 'banmian.export';

/** The dialog's fields; empty strings mean the variant's default. */
export interface ExportChoices {
  variant: ExportOptions['variant'];
  bleedMm: string;
  marks: boolean;
  profile: 'default' | 'custom';
  profilePath: string;
  jpegQuality: string;
  maxPpi: string;
}

export const DEFAULT_CHOICES: ExportChoices = {
  variant: 'proof',
  bleedMm: '3',
  marks: true,
  profile: 'default',
  profilePath: '',
  jpegQuality: '85',
  maxPpi: '300',
};

/** Whether the export dialog is open. */
export const exportDialogOpen = new Store(false);

export function loadChoices(): ExportChoices {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_CHOICES;
    const parsed = JSON.parse(raw) as Partial<ExportChoices>;
    const merged = { ...DEFAULT_CHOICES, ...parsed };
    return EXPORT_VARIANTS.includes(merged.variant) ? merged : DEFAULT_CHOICES;
  } catch {
    // Storage unavailable or garbled: start from the defaults.
    return DEFAULT_CHOICES;
  }
}

export function saveChoices(choices: ExportChoices): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Not remembered; the export itself is unaffected.
  }
}

function numberIn(raw: string, min: number, max: number): number | null {
  const n = Number(raw.trim());
  return raw.trim() !== '' && Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/**
 * The host's ExportOptions from the dialog's fields, or the names of the
 * fields that are out of range.
 */
export function optionsOf(c: ExportChoices, force: boolean): { ok: true; options: ExportOptions } | { ok: false; bad: (keyof ExportChoices)[] } {
  const print = c.variant !== 'proof';
  const bleed = numberIn(c.bleedMm, 0, 20);
  const quality = numberIn(c.jpegQuality, 1, 100);
  const ppi = numberIn(c.maxPpi, 72, 2400);
  const bad: (keyof ExportChoices)[] = [];
  if (print && bleed === null) bad.push('bleedMm');
  if (quality === null || !Number.isInteger(quality)) bad.push('jpegQuality');
  if (ppi === null) bad.push('maxPpi');
  if (print && c.profile === 'custom' && c.profilePath.trim() === '') bad.push('profilePath');
  if (bad.length > 0) return { ok: false, bad };
  const options: ExportOptions = { variant: c.variant, jpegQuality: quality!, maxPpi: ppi!, force };
  if (print) {
    options.bleedMm = bleed!;
    options.marks = c.marks;
    if (c.profile === 'custom') options.profilePath = c.profilePath.trim();
  }
  return { ok: true, options };
}
