/**
 * measureParagraphLines searches for line ends instead of measuring every
 * character. Checked here against the obvious reading (every character's box,
 * a new line where one sits off the line of the one before) on simulated
 * layouts: lines of varying length, first-line indents, several columns side
 * by side, spaces,
 * characters that draw nothing, several text nodes, astral characters.
 */
import fc from 'fast-check';
import type { EditorView } from 'prosemirror-view';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureParagraphLines } from '../../../renderer/typesetting/measure-lines';
import type { TextLine } from '../../../renderer/typesetting/measure-lines';

interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

const EM = 12;
const LINE = 15.33;
const COLUMN = 13 * EM;
const GAP = EM;

/** A paragraph laid out: its text nodes and where each character of each is drawn. */
interface Layout {
  nodes: { data: string; rects: Rect[] }[];
  columns: number;
}

/**
 * Lays out `text` in columns of `linesPerColumn` lines: line k holds
 * `lengths[k]` characters (a space at a line end hangs, drawn at the edge);
 * characters in `invisible` draw nothing.
 */
function layOut(text: string, lengths: number[], linesPerColumn: number, invisible: ReadonlySet<number>, cuts: number[]): Layout {
  const rects: Rect[] = [];
  let line = 0;
  let inLine = 0;
  for (let i = 0; i < text.length; i++) {
    const col = Math.floor(line / linesPerColumn);
    const row = line % linesPerColumn;
    const indent = line === 0 ? 2 * EM : 0;
    const left = col * (COLUMN + GAP) + indent + inLine * ((COLUMN - 2 * EM) / 17);
    rects.push(invisible.has(i) ? { top: 0, left: 0, width: 0, height: 0 } : { top: row * LINE, left, width: EM, height: EM * 1.2 });
    inLine++;
    if (inLine >= (lengths[line % lengths.length] ?? 13) && i < text.length - 1) {
      line++;
      inLine = 0;
    }
  }
  const nodes: Layout['nodes'] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < text.length)].sort((a, b) => a - b).concat(text.length)) {
    if (cut <= at) continue;
    nodes.push({ data: text.slice(at, cut), rects: rects.slice(at, cut) });
    at = cut;
  }
  return { nodes, columns: Math.ceil((line + 1) / linesPerColumn) };
}

/** Just enough DOM and EditorView for measureParagraphLines over a Layout. */
function fakeDom(layout: Layout): { view: EditorView; dom: HTMLElement; boxesRead: () => number } {
  let reads = 0;
  const texts = layout.nodes.map((n) => ({ data: n.data, rects: n.rects }));
  const range = {
    node: null as (typeof texts)[number] | null,
    start: 0,
    end: 0,
    setStart(node: (typeof texts)[number], offset: number) {
      this.node = node;
      this.start = offset;
    },
    setEnd(_node: unknown, offset: number) {
      this.end = offset;
    },
    getBoundingClientRect(): Rect {
      reads++;
      const r = this.node!.rects[this.start]!;
      return r;
    },
  };
  const ownerDocument = {
    createRange: () => range,
    createTreeWalker: () => {
      let i = -1;
      return { nextNode: () => texts[++i] ?? null };
    },
  };
  const dom = {
    ownerDocument,
    getClientRects: () => Array.from({ length: layout.columns }, (_, c) => ({ left: c * (COLUMN + GAP), width: COLUMN, top: 0, height: 100 })),
  };
  const offsets = new Map<unknown, number>();
  let at = 0;
  for (const t of texts) {
    offsets.set(t, at);
    at += t.data.length;
  }
  const view = { posAtDOM: (node: unknown, offset: number) => 100 + offsets.get(node)! + offset };
  return { view: view as unknown as EditorView, dom: dom as unknown as HTMLElement, boxesRead: () => reads };
}

/** The obvious reading: every non-space character's box, in order. */
function referenceLines(layout: Layout): TextLine[] {
  const lines: TextLine[] = [];
  let prevMid = Number.NaN;
  let prevLeft = Number.NaN;
  let half = 0;
  let base = 0;
  for (const node of layout.nodes) {
    for (let i = 0; i < node.data.length; ) {
      const len = node.data.codePointAt(i)! > 0xffff ? 2 : 1;
      const r = node.rects[i]!;
      if (!/^\s$/.test(node.data.slice(i, i + len)) && (r.width > 0 || r.height > 0)) {
        const mid = r.top + r.height / 2;
        half = half || r.height / 2;
        const line = lines.at(-1);
        if (!line || Math.abs(mid - prevMid) > half || r.left < prevLeft - 0.5) lines.push({ start: base + i, end: base + i });
        else line.end = base + i;
        prevMid = mid;
        prevLeft = r.left;
      }
      i += len;
    }
    base += node.data.length;
  }
  return lines;
}

describe('measureParagraphLines', () => {
  beforeAll(() => {
    (globalThis as { NodeFilter?: unknown }).NodeFilter ??= { SHOW_TEXT: 4 };
  });

  it('finds the lines every character would give, on any layout', () => {
    const char = fc.constantFrom('社', '会', '治', '理', '，', '。', '“', '”', 'A', '7', ' ', '𠀀');
    fc.assert(
      fc.property(
        fc.array(char, { minLength: 1, maxLength: 400 }),
        fc.array(fc.integer({ min: 9, max: 17 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 30 }),
        fc.array(fc.nat(400), { maxLength: 5 }),
        fc.array(fc.nat(400), { maxLength: 4 }),
        (chars, lengths, linesPerColumn, invisible, cuts) => {
          // Astral characters are two code units: keep every cut and box on a character's first unit.
          const text = chars.join('');
          const starts = new Set<number>();
          for (let i = 0; i < text.length; i += text.codePointAt(i)! > 0xffff ? 2 : 1) starts.add(i);
          const layout = layOut(text, lengths, linesPerColumn, new Set(invisible.filter((i) => starts.has(i))), cuts.filter((c) => starts.has(c)));
          const { view, dom } = fakeDom(layout);
          expect(measureParagraphLines(view, dom, 100)).toEqual(referenceLines(layout));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads far fewer character boxes than there are characters in a long paragraph', () => {
    const text = '社会治理是政治稳定的必答题、公共安全的基本面、发展生态的加分项。'.repeat(12);
    const layout = layOut(text, [13, 15, 15, 14, 15], 14, new Set(), []);
    const { view, dom, boxesRead } = fakeDom(layout);
    const lines = measureParagraphLines(view, dom, 100);
    expect(lines).toEqual(referenceLines(layout));
    expect(lines.length).toBeGreaterThan(25);
    expect(boxesRead()).toBeLessThan(text.length / 3);
  });
});
