/**
 * The short, stable JSON view of intake results that `banmian import
 * --summary` prints and tests compare: what was recognised, not how.
 */
import type { StoryDraft } from './types';

export interface StorySummary {
  kind: StoryDraft['kind'];
  label?: string;
  kicker?: string;
  headline?: string;
  subheadline?: string;
  byline?: string;
  crossheads?: string[];
  credits?: string[];
  captions?: string[];
  teasers?: string[];
  /** Number of body paragraphs (crossheads not counted). */
  paragraphs: number;
  /** The body: paragraphs and crossheads, one per line (teaser items for a 导读 box). */
  text?: string;
}

/** The summary of one draft; absent parts are omitted, empty lists too. */
export function summarizeDraft(draft: StoryDraft): StorySummary {
  const s: StorySummary = { kind: draft.kind, paragraphs: draft.paragraphs.length };
  if (draft.label) s.label = draft.label;
  if (draft.kicker) s.kicker = draft.kicker;
  if (draft.headline) s.headline = draft.headline;
  if (draft.subheadline) s.subheadline = draft.subheadline;
  if (draft.byline) s.byline = draft.byline.text;
  if (draft.crossheads.length) s.crossheads = draft.crossheads;
  if (draft.credits.length) s.credits = draft.credits;
  if (draft.captions.length) s.captions = draft.captions;
  if (draft.teasers.length) s.teasers = draft.teasers.map((t) => t.text);
  const text = draft.kind === 'teaser' ? draft.teasers.map((t) => t.text) : draft.body.map((b) => b.text);
  if (text.length) s.text = text.join('\n');
  // Keys in a fixed, readable order: kind first, counts and text last.
  const { paragraphs, text: body, ...rest } = s;
  return body === undefined ? { ...rest, paragraphs } : { ...rest, paragraphs, text: body };
}

export function summarizeDrafts(drafts: readonly StoryDraft[]): { stories: StorySummary[] } {
  return { stories: drafts.map(summarizeDraft) };
}
