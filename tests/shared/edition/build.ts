/** Small editions for the edition tests, built with the real schema. */
import type { Node } from 'prosemirror-model';
import { buildEdition, editionPages } from '../../../shared/edition/edition-doc';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';

export function story(id: string, headline: string, attrs: Record<string, unknown> = {}, line = 0): Node {
  return schema.node('story', { id, col: 0, line, cols: 2, lines: 10, ...attrs }, [
    schema.node('headgroup', null, [schema.node('headline', null, headline ? [schema.text(headline)] : [])]),
    schema.node('body', null, [schema.node('paragraph', null, [schema.text(`${headline}正文。`)])]),
  ]);
}

export function teaser(id: string, items: [string, string][]): Node {
  return schema.node(
    'teaser',
    { id, col: 4, line: 0, cols: 2, lines: 6 },
    items.map(([text, storyId]) => schema.node('teaser_item', { story: storyId }, [schema.text(text)])),
  );
}

export function masthead(id: string, pagesToday = ''): Node {
  return schema.node('masthead', { id, col: 2, line: 20, cols: 2, lines: 4, pagesToday });
}

export function page(section: string, blocks: Node[]): Node {
  return schema.node('page', { settings: settingsFromPreset('duikai'), section }, blocks);
}

/** An edition of these pages, then its story bin holding `binned` (no bin when none). */
export function edition(pages: Node[], binned: Node[] = []): Node {
  const bin = binned.length > 0 ? schema.node('bin', null, binned) : null;
  return buildEdition({ paperName: '萧山日报', date: '2022-11-21', label: '' }, pages, bin);
}

/** Folios of the pages whose sections are given, for readable assertions. */
export function sections(ed: Node): string[] {
  const out: string[] = [];
  editionPages(ed).forEach((p) => out.push(String(p.attrs['section'])));
  return out;
}
