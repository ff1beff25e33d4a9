/**
 * Story shapes in the editor. Computes each story's slot chain from the page
 * (shared/layout) and hands it to the story body as a node decoration: a
 * story whose chain is the plain rectangle under its head keeps the multicol
 * body (decision 0004), any other gets a galley body. After every update it
 * refreshes the galley clones and moves each live galley to the slot holding
 * the selection; it handles Up/Down across slots, and presses, drags and
 * Shift-clicks in galleys, drawing selections that span slots on the clones
 * (slot-selection.ts). While an IME composition is under way no story changes
 * its shape (a remote move can make the story being composed in wrap): the
 * body would be built anew under the composition, which Chromium then ends,
 * doubling its text; the shapes catch up when the composition ends.
 */
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import { storyShapeInput } from '../../../shared/layout/story-shape';
import { storyShape } from '../../../shared/layout/slots';
import type { ShapeInput, StoryShape } from '../../../shared/layout/slots';
import { gridMetrics } from '../../../shared/page/geometry';
import type { PageSettings } from '../../../shared/page/settings';
import { galleyOf } from './galley-body';
import { shapeSpec } from './shape-decoration';
import type { GalleyBody } from './galley-body';
import { drawSlotSelections, pressGalley } from './slot-selection';
import { activePageChanged, activeScope } from '../../../shared/edition/page-scope';
import type { PageScope } from '../../../shared/edition/page-scope';
import { fontArrivals } from '../../typesetting/font-arrivals';

export const shapeKey = new PluginKey<ShapeState>('bm-shape');

/** Whether the chain is what the multicol body shows: text columns of equal height from under the head to the bottom (inside a box's inset). */
function isPlain(shape: StoryShape, input: ShapeInput): boolean {
  if (!shape.rectangular) return false;
  const first = shape.slots[0]!;
  const top = (input.area?.topLines ?? 0) + (input.head?.lines ?? 0);
  return first.line === top && first.line + first.lines === input.lines - (input.area?.bottomLines ?? 0);
}

function shapeDecorations(scope: PageScope): DecorationSet {
  const { page, start } = scope;
  const metrics = gridMetrics(page.attrs['settings'] as PageSettings);
  const decos: Decoration[] = [];
  page.forEach((story, pageOffset) => {
    if (story.type.name !== 'story') return;
    const offset = start + pageOffset;
    const input = storyShapeInput(page, story);
    const shape = storyShape(metrics, input);
    if (isPlain(shape, input)) return;
    story.forEach((child, childOffset) => {
      if (child.type.name !== 'body') return;
      const from = offset + 1 + childOffset;
      // The key makes a new shape a new decoration (specs are not compared).
      const key = shape.slots.map((s) => `${s.column}:${s.line}:${s.lines}`).join(' ');
      decos.push(Decoration.node(from, from + child.nodeSize, { 'data-shape': key }, shapeSpec(shape)));
    });
  });
  return DecorationSet.create(scope.doc, decos);
}

/**
 * What the shapes depend on: every block's attributes and every story's head
 * and byline. Typing in a body leaves all of these identical objects, so the
 * decorations are only mapped.
 */
function shapeInputsOf(scope: PageScope): unknown[] {
  const out: unknown[] = [scope.index, scope.page.attrs['settings']];
  scope.page.forEach((block) => {
    out.push(block.attrs);
    if (block.type.name === 'story') block.forEach((part) => void (part.type.name !== 'body' && out.push(part)));
  });
  return out;
}

function sameInputs(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function galleys(view: EditorView): GalleyBody[] {
  const out: GalleyBody[] = [];
  for (const el of view.dom.querySelectorAll('.bm-shaped')) {
    const g = galleyOf(el);
    if (g) out.push(g);
  }
  return out;
}

/** The galley holding document position `pos`, with its content range. */
function galleyAt(view: EditorView, pos: number): GalleyBody | null {
  for (const g of galleys(view)) {
    const start = g.getPos();
    if (start === undefined) continue;
    if (pos > start && pos < start + g.node.nodeSize) return g;
  }
  return null;
}

/**
 * The galley line of the caret at `pos`. At a soft wrap that is also a slot
 * boundary the position is both the end of one line and the start of the
 * next: prefer the one in the active slot.
 */
function caretLine(view: EditorView, g: GalleyBody, pos: number): number {
  const lineOf = (side: number) => {
    const r = view.coordsAtPos(pos, side);
    return g.lineAtClientY((r.top + r.bottom) / 2);
  };
  const after = lineOf(1);
  const active = g.shape.slots[g.active];
  if (active && (after < active.offset || after >= active.offset + active.lines)) {
    const before = lineOf(-1);
    if (before >= active.offset && before < active.offset + active.lines) return before;
  }
  return after;
}

function follow(view: EditorView, state: EditorState): void {
  const g = galleyAt(view, state.selection.head);
  if (!g) return;
  g.activate(g.slotForLine(caretLine(view, g, state.selection.head)));
}

/** ArrowUp/ArrowDown from the first/last line of a slot into the next one in reading order. */
function crossSlot(view: EditorView, dir: -1 | 1): boolean {
  const sel = view.state.selection;
  if (!sel.empty) return false;
  const g = galleyAt(view, sel.head);
  if (!g) return false;
  const line = caretLine(view, g, sel.head);
  const from = g.active;
  const to = g.shape.slots.findIndex((s) => line + dir >= s.offset && line + dir < s.offset + s.lines);
  if (to < 0 || to === from) return false;
  const caret = view.coordsAtPos(sel.head, 1);
  const oldBox = g.liveBox.getBoundingClientRect();
  g.activate(to);
  const newBox = g.liveBox.getBoundingClientRect();
  const x = newBox.left + Math.min(Math.max(0, caret.left - oldBox.left), newBox.width - 1);
  const row = dir > 0 ? 0 : g.shape.slots[to]!.lines - 1;
  const y = newBox.top + (row + 0.5) * g.linePx * g.scale();
  const hit = view.posAtCoords({ left: x, top: y });
  if (!hit) return false;
  const $pos = view.state.doc.resolve(hit.pos);
  view.dispatch(view.state.tr.setSelection(TextSelection.near($pos)).scrollIntoView());
  return true;
}

interface ShapeState {
  decorations: DecorationSet;
  inputs: unknown[];
}

/** Meta of the transaction that brings the shapes up to date after a composition held them. */
const CATCH_UP = 'catch-up';

export function shapePlugin(): Plugin<ShapeState> {
  // Whether this editor is composing (its view's composition events): shapes are held meanwhile.
  let composing = false;
  return new Plugin<ShapeState>({
    key: shapeKey,
    state: {
      init: (_config, state) => ({ decorations: shapeDecorations(activeScope(state)), inputs: shapeInputsOf(activeScope(state)) }),
      apply: (tr, prev, old, next) => {
        const catchUp = tr.getMeta(shapeKey) === CATCH_UP;
        if (!tr.docChanged && !activePageChanged(old, next) && !catchUp) return prev;
        const scope = activeScope(next);
        const inputs = shapeInputsOf(scope);
        // Held while composing: the old shapes are mapped, and `inputs` kept as they were, so the change is still seen after.
        if (composing && !activePageChanged(old, next)) return { decorations: prev.decorations.map(tr.mapping, tr.doc), inputs: prev.inputs };
        if (sameInputs(inputs, prev.inputs)) return { decorations: prev.decorations.map(tr.mapping, tr.doc), inputs };
        return { decorations: shapeDecorations(scope), inputs };
      },
    },
    props: {
      decorations: (state) => shapeKey.getState(state)?.decorations,
      handleKeyDown(view, e) {
        if (e.shiftKey || e.altKey || e.metaKey || e.ctrlKey || e.isComposing) return false;
        if (e.key === 'ArrowDown') return crossSlot(view, 1);
        if (e.key === 'ArrowUp') return crossSlot(view, -1);
        return false;
      },
      handleDOMEvents: {
        mousedown: (view, e) => pressGalley(view, e),
        compositionstart: () => {
          composing = true;
          return false;
        },
        compositionend: (view) => {
          composing = false;
          // After ProseMirror has read the composed text and ended the composition (it waits 20 ms for a next
          // one): then the shapes may change what they held.
          setTimeout(() => {
            if (composing || view.isDestroyed || view.composing) return;
            const held = shapeKey.getState(view.state);
            if (held && !sameInputs(held.inputs, shapeInputsOf(activeScope(view.state)))) {
              view.dispatch(view.state.tr.setMeta(shapeKey, CATCH_UP).setMeta('addToHistory', false));
            }
          }, 50);
          return false;
        },
      },
    },
    view(view) {
      const refresh = () => {
        for (const g of galleys(view)) g.refreshClones();
        follow(view, view.state);
      };
      let frame = requestAnimationFrame(() => {
        frame = 0;
        refresh();
      });
      const fonts = view.dom.ownerDocument.fonts;
      // Line breaks change when a face arrives: the windows of the clones too (not for faces loaded before).
      const arrivals = fontArrivals(fonts);
      const onFonts = (e: Event) => {
        if (arrivals(e as FontFaceSetLoadEvent)?.length !== 0) refresh();
      };
      fonts?.addEventListener('loadingdone', onFonts);
      return {
        update(v, prev) {
          const start = performance.now();
          // Decoration-only updates (the line-end pass, a punctuation style) change the galley's DOM too.
          let changed = v.state.doc !== prev.doc;
          for (const g of galleys(v)) {
            if (v.state.doc !== prev.doc) g.refreshClones();
            else changed = g.sync() || changed;
          }
          if (changed || !v.state.selection.eq(prev.selection)) {
            follow(v, v.state);
            drawSlotSelections(v, galleys(v));
          }
          // Visible in performance tools and to benchmarks as `bm-shape`.
          performance.measure('bm-shape', { start });
        },
        destroy() {
          if (frame) cancelAnimationFrame(frame);
          fonts?.removeEventListener('loadingdone', onFonts);
        },
      };
    },
  });
}
