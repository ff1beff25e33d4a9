import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { pageFromJson, pageToJson } from '../../../shared/model/load-page';
import { settingsSchema } from '../../../shared/model/page-json';
import { schema } from '../../../shared/model/schema';
import { defaultStyleSheet, resolveType, styleSheetSchema } from '../../../shared/model/styles';
import type { EffectiveType } from '../../../shared/model/styles';
import { settingsFromPreset } from '../../../shared/page/settings';
import type { PageSettings } from '../../../shared/page/settings';

const legacyJson = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'data', 'seed-page-before-styles.json'), 'utf8'),
) as { attrs: { settings: PageSettings }; content: unknown[] };

function loaded(json: unknown): Node {
  const r = pageFromJson(json);
  if (!r.ok) throw new Error(r.findings.map((f) => f.message).join('; '));
  return r.doc;
}

/** Every styled text node of a page, in document order, with its effective type. */
function types(doc: Node): { type: string; text: string; eff: EffectiveType }[] {
  const settings = doc.attrs['settings'] as PageSettings;
  const out: { type: string; text: string; eff: EffectiveType }[] = [];
  doc.descendants((node) => {
    if (['paragraph', 'crosshead', 'kicker', 'headline', 'subheadline', 'byline', 'caption', 'credit', 'label'].includes(node.type.name)) {
      out.push({ type: node.type.name, text: node.textContent.slice(0, 8), eff: resolveType(node, settings) });
      return false;
    }
    return true;
  });
  return out;
}

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
}

function jsonNodes(node: JsonNode, out: JsonNode[] = []): JsonNode[] {
  out.push(node);
  for (const c of node.content ?? []) jsonNodes(c, out);
  return out;
}

describe('type styles', () => {
  const settings = settingsFromPreset('duikai');

  it('resolves a node without overrides to its type default style, with body size from the grid', () => {
    const headline = schema.nodes['headline']!.create();
    expect(resolveType(headline, settings)).toMatchObject({ style: 'headline', face: 'hei', sizePt: 26, weight: 700, align: 'center', scaleX: 100, lines: 4 });
    const p = schema.nodes['paragraph']!.create();
    expect(resolveType(p, settings)).toMatchObject({ style: 'body', face: 'song', sizePt: 9, indentChars: 2, align: 'justify', lines: null });
    const caption = schema.nodes['caption']!.create();
    expect(resolveType(caption, settings)).toMatchObject({ style: 'caption', face: 'kai', sizePt: 9 });
  });

  it('takes non-null node attributes as overrides over the style, and ignores invalid ones', () => {
    const h = schema.nodes['headline']!.create({ sizePt: 36, face: 'song', weight: null, align: 'nonsense' });
    const eff = resolveType(h, settings);
    expect(eff).toMatchObject({ sizePt: 36, face: 'song', weight: 700, align: 'center' });
    expect(eff.overridden).toEqual(['sizePt', 'face']);
  });

  it('follows the page style sheet, and a named style of the node kind', () => {
    const sheet = defaultStyleSheet();
    sheet.paragraph.find((s) => s.name === 'headline')!.sizePt = 42;
    sheet.paragraph.push({ ...sheet.paragraph.find((s) => s.name === 'headline')!, name: '二条主题', sizePt: 22, lines: 3 });
    const page = { ...settings, styles: sheet };
    expect(resolveType(schema.nodes['headline']!.create(), page).sizePt).toBe(42);
    expect(resolveType(schema.nodes['kicker']!.create({ style: '二条主题' }), page)).toMatchObject({ style: '二条主题', sizePt: 22 });
    // A style of another kind, or a missing one, falls back to the type's default.
    expect(resolveType(schema.nodes['headline']!.create({ style: 'body' }), page).style).toBe('headline');
    expect(resolveType(schema.nodes['headline']!.create({ style: '没有' }), page).style).toBe('headline');
  });

  it('keeps body text grid-true whatever a stored body style says', () => {
    const sheet = defaultStyleSheet();
    Object.assign(sheet.paragraph.find((s) => s.name === 'body')!, { sizePt: 12, trackingEm: 0.2, scaleX: 80 });
    const eff = resolveType(schema.nodes['paragraph']!.create(), { ...settings, styles: sheet });
    expect(eff).toMatchObject({ sizePt: settings.grid.bodyPt, trackingEm: 0, scaleX: 100 });
    // The grid's body size, not a constant.
    const big = { ...settings, grid: { ...settings.grid, bodyPt: 10.5 } };
    expect(resolveType(schema.nodes['paragraph']!.create(), big).sizePt).toBe(10.5);
  });

  it('bounds the stored sheet: sizes, counts, names, duplicates', () => {
    expect(styleSheetSchema.safeParse(defaultStyleSheet()).success).toBe(true);
    const bad = (mutate: (s: ReturnType<typeof defaultStyleSheet>) => void) => {
      const s = defaultStyleSheet();
      mutate(s);
      return styleSheetSchema.safeParse(s).success;
    };
    expect(bad((s) => (s.paragraph[0]!.sizePt = 1000))).toBe(false);
    expect(bad((s) => (s.paragraph[6]!.scaleX = 5))).toBe(false);
    expect(bad((s) => (s.paragraph[6]!.name = 'x'.repeat(33)))).toBe(false);
    expect(bad((s) => (s.paragraph[6]!.name = ' 主题'))).toBe(false);
    expect(bad((s) => (s.paragraph[6]!.name = 'body'))).toBe(false);
    expect(bad((s) => s.paragraph.push(...Array.from({ length: 200 }, (_, i) => ({ ...s.paragraph[0]!, name: `s${i}` }))))).toBe(false);
    expect(bad((s) => ((s.paragraph[0] as unknown as Record<string, unknown>)['extra'] = 1))).toBe(false);
    // Settings accept a sheet, and no sheet (pages from before styles).
    expect(settingsSchema.safeParse({ ...settingsFromPreset('duikai'), styles: defaultStyleSheet() }).success).toBe(true);
    expect(settingsSchema.safeParse(settingsFromPreset('duikai')).success).toBe(true);
  });
});

describe('pages from before styles (seed-front-page.banmian as committed before styles)', () => {
  const doc = loaded(legacyJson);
  const legacyNodes = jsonNodes(legacyJson as unknown as JsonNode);

  it('loads with the same effective type on every head, byline, crosshead and label as its stored attributes', () => {
    const stored = legacyNodes.filter((n) => ['kicker', 'headline', 'subheadline', 'byline', 'crosshead', 'label'].includes(n.type));
    const effective = types(doc).filter((t) => ['kicker', 'headline', 'subheadline', 'byline', 'crosshead', 'label'].includes(t.type));
    expect(effective).toHaveLength(stored.length);
    expect(stored.length).toBeGreaterThanOrEqual(12);
    effective.forEach(({ type, eff }, i) => {
      const a = stored[i]!.attrs!;
      expect(type).toBe(stored[i]!.type);
      // A label's `lines` is its block height, not type.
      const keys = type === 'label' ? (['sizePt', 'face'] as const) : (['sizePt', 'face', 'weight', 'align', 'scaleX', 'lines'] as const);
      for (const key of keys) {
        if (a[key] !== undefined) expect({ type, key, value: eff[key] }).toEqual({ type, key, value: a[key] });
      }
    });
    // The lead headline is 小初 black; the kicker 三号.
    expect(effective.filter((t) => t.type === 'headline').map((t) => t.eff.sizePt)).toEqual(expect.arrayContaining([36, 26, 22, 18]));
  });

  it('sets body, captions and credits as the stylesheet did (宋 body size, 2-character indent; 楷 captions)', () => {
    const all = types(doc);
    for (const t of all.filter((x) => x.type === 'paragraph')) {
      expect(t.eff).toMatchObject({ face: 'song', sizePt: 9, weight: 400, align: 'justify', indentChars: 2, trackingEm: 0, scaleX: 100 });
    }
    expect(all.filter((x) => x.type === 'caption').every((t) => t.eff.face === 'kai' && t.eff.sizePt === 9 && t.eff.align === 'justify')).toBe(true);
    expect(all.filter((x) => x.type === 'credit').every((t) => t.eff.face === 'kai' && t.eff.align === 'end')).toBe(true);
  });

  it('drops only the overrides equal to their style, so the page follows its styles from then on', () => {
    const heads: Node[] = [];
    doc.descendants((n) => {
      if (n.type.name === 'headline') heads.push(n);
      return true;
    });
    const lead = heads.find((h) => h.attrs['sizePt'] === 36)!;
    expect(lead.attrs).toMatchObject({ sizePt: 36, weight: 900, face: null, align: null, scaleX: null, style: null });
    expect(heads.filter((h) => h.attrs['sizePt'] === null)).toHaveLength(1);
    const labels: Node[] = [];
    doc.forEach((n) => n.type.name === 'label' && labels.push(n));
    expect(labels.every((l) => l.attrs['sizePt'] === null && l.attrs['face'] === null)).toBe(true);
  });

  it('is idempotent: saving and loading again changes nothing', () => {
    const again = loaded(pageToJson(doc));
    expect(again.eq(doc)).toBe(true);
  });

  it('keeps explicit values different from the style when the page has its own styles', () => {
    const sheet = defaultStyleSheet();
    sheet.paragraph.find((s) => s.name === 'headline')!.sizePt = 30;
    const json = structuredClone(legacyJson);
    json.attrs.settings = { ...json.attrs.settings, styles: sheet };
    const d = loaded(json);
    // The stored 26 differs from the page's headline style (30): it stays an override.
    const sizes = types(d).filter((t) => t.type === 'headline').map((t) => t.eff.sizePt);
    expect(sizes.sort()).toEqual(types(doc).filter((t) => t.type === 'headline').map((t) => t.eff.sizePt).sort());
  });
});

describe('style on the clipboard', () => {
  it('writes a paragraph or crosshead style into its HTML and reads it back', () => {
    for (const type of ['paragraph', 'crosshead'] as const) {
      const spec = schema.nodes[type]!.spec;
      const node = schema.nodes[type]!.create({ style: '导语' });
      expect((spec.toDOM!(node) as readonly unknown[])[1]).toEqual({ 'data-style': '导语' });
      expect((spec.toDOM!(schema.nodes[type]!.create()) as readonly unknown[])[1]).toEqual({});
      const getAttrs = spec.parseDOM![0]!.getAttrs as (dom: { getAttribute(n: string): string | null }) => unknown;
      expect(getAttrs({ getAttribute: (n) => (n === 'data-style' ? '导语' : null) })).toEqual({ style: '导语' });
      expect(getAttrs({ getAttribute: () => null })).toEqual({ style: null });
    }
  });
});

describe('style findings on load', () => {
  it('warns once per name about text naming a style the page lacks, or one of another kind, and still loads', () => {
    const settings = settingsFromPreset('duikai');
    const page = schema.node('page', { settings }, [
      schema.node('story', { id: 's', col: 0, line: 0, cols: 2, lines: 10 }, [
        schema.node('headgroup', null, [schema.node('headline', { style: '头条' }, [schema.text('题')])]),
        schema.node('body', null, [
          schema.node('paragraph', { style: '导语' }, [schema.text('甲')]),
          schema.node('paragraph', { style: '导语' }, [schema.text('乙')]),
          schema.node('paragraph', { style: 'headline' }, [schema.text('丙')]),
        ]),
      ]),
      schema.node('label', { id: 'l', col: 2, line: 0, cols: 1, lines: 2, style: 'body' }, [schema.text('导读')]),
    ]);
    const r = pageFromJson(page.toJSON());
    expect(r.ok).toBe(true);
    const messages = r.findings.filter((f) => f.level === 'warning').map((f) => f.message);
    expect(messages).toEqual([
      'a headline names style "头条", which the page does not define: it is set in the default style',
      'a paragraph names style "导语", which the page does not define: it is set in the default style',
      'a paragraph names style "headline", a head style, not for a paragraph: it is set in the default style',
      'a label names style "body", which is not a label style of the page: it is set in the default style',
    ]);
    expect(r.findings.every((f) => f.blockId === 's' || f.blockId === 'l')).toBe(true);
  });
});
