/**
 * 开明式 punctuation (GB/T 15834, CLREQ "Kaiming"): on a page whose
 * `settings.punctuation` is `kaiming`, every full-width mark of the body text
 * except the sentence ends 。！？ is set half width. Each such mark gets an
 * inline decoration that turns on the font's own half-width positioning
 * (`font-feature-settings: "halt"`, composition.css): only that character,
 * so 。！？ keep their full em, which a paragraph-wide `halt` (or
 * `text-spacing-trim`) would not allow. Justification still spreads the line
 * to the column width. Pure text decorations, recomputed from the document;
 * the text itself never changes, so switching style is lossless.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { punctuationStyle } from '../../shared/page/settings';
import type { PageSettings, PunctuationStyle } from '../../shared/page/settings';
import { bodyParagraphs, paragraphText } from './body-text';
import { activePageChanged, activeScope, asScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';

/** Closing and middle marks 开明式 sets half width (the ink sits left in the em). */
export const KAIMING_HALF_CLOSING: ReadonlySet<string> = new Set([...'，、；：”’）》」』】〗〕〉］｝']);

/** Opening marks 开明式 sets half width (the ink sits right in the em). */
export const KAIMING_HALF_OPENING: ReadonlySet<string> = new Set([...'“‘（《「『【〖〔〈［｛']);

export const punctuationPluginKey = new PluginKey<DecorationSet>('bm-punctuation');

/** The page's punctuation style; pages from before the setting are 全角式. */
export function punctuationStyleOf(doc: Node | PageScope): PunctuationStyle {
  const settings = asScope(doc).page.attrs['settings'] as Partial<PageSettings> | undefined;
  return punctuationStyle(settings ?? {});
}

/** Offsets in `text` of the marks 开明式 sets half width, with their side. */
export function kaimingHalfMarks(text: string): { at: number; opening: boolean }[] {
  const out: { at: number; opening: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (KAIMING_HALF_CLOSING.has(ch)) out.push({ at: i, opening: false });
    else if (KAIMING_HALF_OPENING.has(ch)) out.push({ at: i, opening: true });
  }
  return out;
}

const CLOSING = { class: 'bm-kaiming' };
const OPENING = { class: 'bm-kaiming bm-kaiming-open' };

/** The 开明式 decorations of every body paragraph of `doc` (none on a 全角式 page). */
export function punctuationDecorations(doc: Node | PageScope): DecorationSet {
  if (punctuationStyleOf(doc) !== 'kaiming') return DecorationSet.empty;
  const decorations: Decoration[] = [];
  for (const { pos, node } of bodyParagraphs(doc)) {
    const start = pos + 1;
    for (const { at, opening } of kaimingHalfMarks(paragraphText(node))) {
      decorations.push(Decoration.inline(start + at, start + at + 1, opening ? OPENING : CLOSING));
    }
  }
  return DecorationSet.create(asScope(doc).doc, decorations);
}

export function punctuationPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: punctuationPluginKey,
    state: {
      init: (_config, state) => punctuationDecorations(activeScope(state)),
      // Like the glue spans: a page holds a few thousand marks at most, and a
      // settings change (a doc attribute step) is a doc change too.
      apply: (tr, set, old, next) => (tr.docChanged || activePageChanged(old, next) ? punctuationDecorations(activeScope(next)) : set),
    },
    props: {
      decorations: (state) => punctuationPluginKey.getState(state),
    },
  });
}
