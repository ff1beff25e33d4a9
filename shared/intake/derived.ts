/**
 * The lists of a {@link StoryDraft} that are derived from its body and
 * photos. Kept in one place so a draft sent without them (the import worker
 * does, to halve what crosses threads) is rebuilt exactly.
 */
import type { StoryDraft } from './types';

export type DerivedKeys = 'crossheads' | 'paragraphs' | 'captions' | 'credits';
export type LeanDraft = Omit<StoryDraft, DerivedKeys>;

/** The derived lists of a draft's body and photos. */
export function derivedLists(draft: Pick<StoryDraft, 'body' | 'photos'>): Pick<StoryDraft, DerivedKeys> {
  return {
    crossheads: draft.body.filter((b) => b.kind === 'crosshead').map((b) => b.text),
    paragraphs: draft.body.filter((b) => b.kind === 'paragraph').map((b) => b.text),
    captions: draft.photos.flatMap((p) => (p.caption ? [p.caption] : [])),
    credits: draft.photos.flatMap((p) => (p.credit ? [p.credit.text] : [])),
  };
}

/** A draft without its derived lists. */
export function leanDraft(draft: StoryDraft): LeanDraft {
  const { crossheads: _c, paragraphs: _p, captions: _a, credits: _r, ...lean } = draft;
  return lean;
}

/** A whole draft again from a lean one. */
export function fullDraft(lean: LeanDraft): StoryDraft {
  return { ...lean, ...derivedLists(lean) };
}
