/**
 * Direct manipulation of blocks on the page: block selection (frame-edge
 * click, Ctrl/⌘-click anywhere in a block, Shift to add), the overlay with
 * handles, drag to move and resize, arrow-key nudges, stacking and delete
 * shortcuts, overlap warnings and the grid overlay.
 *
 * Register {@link arrangePlugins} before the base keymap so its keys win
 * while blocks are selected.
 */
import { keymap } from 'prosemirror-keymap';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import { pageBlocks } from '../../shared/model/commands/blocks';
import { blocksClash, isTextWrap } from '../../shared/layout/text-wrap';
import type { ReadonlyStore } from '../base/store';
import { arrangeAction, clearBlockSelection, deleteSelectedBlocks, nudge, toggleGrid } from './arrange-commands';
import { EMPTY, applyArrange, arrangeKey, arrangeState, selectBlocksTr, toggleBlockTr } from './arrange-state';
import { DragGesture } from './drag';
import { blockAt, blockEdgeAt, overlappingIds } from './geometry';
import type { Handle } from './geometry';
import { ArrangeOverlay } from './overlay';
import { docMetrics, pageElement, pageFrame, placedBlocks, toPage } from '../page/page-frame';
import { activePageChanged, activeScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';
import type { PlacedBlock } from '../page/page-frame';
import './arrange.css';

/** Screen px around a frame edge that count as the edge. */
const EDGE_PX = 4;
/** Screen px the pointer travels before a frame-edge press becomes a move. */
const DRAG_THRESHOLD_PX = 3;

function isMac(view: EditorView): boolean {
  const nav = view.dom.ownerDocument.defaultView?.navigator;
  return /Mac|iPhone|iPad/.test(nav?.platform ?? '');
}

/** The overlay and the gestures of one editable view. */
class ArrangeView {
  readonly #view: EditorView;
  readonly #overlay: ArrangeOverlay;
  readonly #options: ArrangeOptions;
  readonly #offZoom: () => void;
  #gesture: DragGesture | null = null;

  constructor(view: EditorView, options: ArrangeOptions) {
    this.#view = view;
    this.#options = options;
    // After the view's root (an edition's root holds the pages): never inside the editable DOM.
    this.#overlay = new ArrangeOverlay(view.dom as HTMLElement);
    this.#overlay.layer.addEventListener('pointerdown', this.#handleDown);
    // The zoom is a transform on an ancestor; handles keep their screen size.
    this.#offZoom = options.zoom.subscribe(() => this.#fit());
    this.update(view, null);
  }

  #fit(): void {
    const page = pageElement(this.#view);
    this.#overlay.fit(page, docMetrics(activeScope(this.#view.state)), this.#options.zoom.getSnapshot());
  }

  update(view: EditorView, prev: EditorState | null): void {
    const state = view.state;
    const arrange = arrangeState(state);
    const before = prev ? arrangeState(prev) : null;
    const docChanged = !prev || prev.doc !== state.doc || activePageChanged(prev, state);
    if (!docChanged && before === arrange) return;
    const scope = activeScope(state);
    const metrics = docMetrics(scope);
    this.#fit();
    this.#overlay.showGrid(arrange.grid, metrics);
    const selected = new Set(arrange.ids);
    const blocks = placedBlocks(scope, metrics).filter((b) => selected.has(b.id));
    // Primary last, as in the state.
    blocks.sort((a, b) => arrange.ids.indexOf(a.id) - arrange.ids.indexOf(b.id));
    this.#overlay.showSelection(blocks);
    this.#options.onChange();
  }

  /** A press on a handle starts a drag of the selected blocks (move) or of that block (resize). */
  #handleDown = (e: PointerEvent): void => {
    const target = e.target as HTMLElement;
    const handle = target.dataset['handle'] as Handle | undefined;
    const id = target.dataset['blockId'];
    if (!handle || !id || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const ids = arrangeState(this.#view.state).ids;
    const group = handle === 'move' ? [id, ...ids.filter((x) => x !== id)] : [id];
    this.begin({ handle, ids: group, clientX: e.clientX, clientY: e.clientY, threshold: 0 });
  };

  begin(start: ConstructorParameters<typeof DragGesture>[0]['start']): void {
    this.#gesture?.cancel();
    this.#gesture = new DragGesture({
      view: this.#view,
      overlay: this.#overlay,
      start,
      onEnd: () => {
        this.#gesture = null;
      },
    });
  }

  /**
   * A mouse press on the page: Ctrl/⌘ anywhere in a block or a press on a
   * frame edge selects the block (Shift adds or removes it) and may start
   * moving it. True when the press was ours.
   */
  mouseDown(e: MouseEvent): boolean {
    if (e.button !== 0) return false;
    const view = this.#view;
    const frame = pageFrame(view);
    const { x, y } = toPage(frame, e.clientX, e.clientY);
    const blocks = hitOrder(activeScope(view.state));
    const mod = isMac(view) ? e.metaKey : e.ctrlKey;
    const hit = mod ? blockAt(blocks, x, y) : blockEdgeAt(blocks, x, y, EDGE_PX / frame.scale);
    if (!hit) return false;
    e.preventDefault();
    const state = view.state;
    const current = arrangeState(state).ids;
    let tr;
    if (e.shiftKey) tr = toggleBlockTr(state, hit.id);
    // A press on a block of the selection keeps the group (to move it together).
    else if (current.includes(hit.id)) tr = selectBlocksTr(state, [...current.filter((i) => i !== hit.id), hit.id]);
    else tr = selectBlocksTr(state, [hit.id]);
    if (tr) view.dispatch(tr);
    view.focus();
    const ids = arrangeState(view.state).ids;
    if (ids.includes(hit.id)) {
      this.begin({ handle: 'move', ids: [hit.id, ...ids.filter((i) => i !== hit.id)], clientX: e.clientX, clientY: e.clientY, threshold: DRAG_THRESHOLD_PX });
    }
    return true;
  }

  destroy(): void {
    this.#gesture?.cancel();
    this.#offZoom();
    this.#overlay.destroy();
  }
}

const overlapKey = new PluginKey<DecorationSet>('bm-overlap');

/** Ids of the blocks placed inside a story as text wraps, with the id of that story. */
function textWraps(doc: PageScope): Map<string, string> {
  const out = new Map<string, string>();
  const blocks = pageBlocks(doc);
  for (const s of blocks) {
    if (s.node.type.name !== 'story') continue;
    for (const o of blocks) if (isTextWrap(s.node, o.node)) out.set(String(o.node.attrs['id']), String(s.node.attrs['id']));
  }
  return out;
}

/**
 * Blocks in hit-testing order (last is topmost): document order, except that
 * a text wrap is above the story it is placed in, wherever it is in the page.
 */
function hitOrder(doc: PageScope): PlacedBlock[] {
  const wraps = textWraps(doc);
  const blocks = placedBlocks(doc);
  return [...blocks.filter((b) => !wraps.has(b.id)), ...blocks.filter((b) => wraps.has(b.id))];
}

/**
 * Overlapping blocks, both marked (`data-overlap`); a block placed inside a
 * story as a text wrap is intended, not an overlap: it is marked `data-wrap`
 * (the story's id) and drawn above the story.
 */
function overlapDecorations(state: EditorState): DecorationSet {
  const doc = state.doc;
  const scope = activeScope(state);
  const blocks = placedBlocks(scope);
  const ids = overlappingIds(blocks, (a, b) => blocksClash(doc.nodeAt(a.pos)!, doc.nodeAt(b.pos)!));
  const wraps = textWraps(scope);
  if (ids.size === 0 && wraps.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  for (const b of blocks) {
    const end = b.pos + doc.nodeAt(b.pos)!.nodeSize;
    if (ids.has(b.id)) decos.push(Decoration.node(b.pos, end, { class: 'bm-overlap', 'data-overlap': 'true' }));
    const story = wraps.get(b.id);
    if (story !== undefined) decos.push(Decoration.node(b.pos, end, { class: 'bm-text-wrap', 'data-wrap': story }));
  }
  return DecorationSet.create(doc, decos);
}

export interface ArrangeOptions {
  /** Read-only views (print mode) get no overlay, gestures or warnings. */
  editable: boolean;
  /** The zoom the page is shown at: handles keep their screen size. */
  zoom: ReadonlyStore<number>;
  /** Called after every update that changes the document or the block selection. */
  onChange: () => void;
}

/** The arrange plugins, in the order they must be registered (before the base keymap). */
export function arrangePlugins(options: ArrangeOptions): Plugin[] {
  if (!options.editable) return [];
  let arrangeView: ArrangeView | null = null;
  const state = new Plugin({
    key: arrangeKey,
    state: {
      init: () => EMPTY,
      apply: (tr, prev, _old, next) => applyArrange(tr, prev, next),
    },
    view(view) {
      arrangeView = new ArrangeView(view, options);
      return {
        update: (v, prev) => arrangeView?.update(v, prev),
        destroy: () => {
          arrangeView?.destroy();
          arrangeView = null;
        },
      };
    },
    props: {
      handleDOMEvents: {
        mousedown: (_view, e) => arrangeView?.mouseDown(e) ?? false,
        // A block selection must not start a native drag of the whole block.
        dragstart: (view, e) => {
          if (arrangeState(view.state).ids.length === 0) return false;
          e.preventDefault();
          return true;
        },
      },
    },
  });
  const overlaps = new Plugin({
    key: overlapKey,
    state: {
      init: (_config, s) => overlapDecorations(s),
      apply: (tr, prev, old, next) => (tr.docChanged || activePageChanged(old, next) ? overlapDecorations(next) : prev),
    },
    props: {
      decorations: (s) => overlapKey.getState(s),
    },
  });
  const keys = keymap({
    ArrowUp: nudge(0, -1),
    ArrowDown: nudge(0, 1),
    ArrowLeft: nudge(-1, 0),
    ArrowRight: nudge(1, 0),
    'Shift-ArrowUp': nudge(0, -10),
    'Shift-ArrowDown': nudge(0, 10),
    Delete: deleteSelectedBlocks,
    Backspace: deleteSelectedBlocks,
    Escape: clearBlockSelection,
    'Mod-d': arrangeAction('duplicate'),
    'Mod-]': arrangeAction('bringForward'),
    'Mod-[': arrangeAction('sendBackward'),
    'Mod-Shift-]': arrangeAction('bringToFront'),
    'Mod-Shift-[': arrangeAction('sendToBack'),
    "Mod-'": toggleGrid,
  });
  return [state, overlaps, keys];
}
