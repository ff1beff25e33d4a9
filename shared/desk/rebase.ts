/**
 * The client's side of rebasing, around prosemirror-collab: which local steps
 * a rebase over remote steps would drop (prosemirror-collab drops them
 * silently; the desk reports them with their text), dropping local steps
 * the authority refused, so that the editor, the collab state and the undo
 * history all forget them, and taking the authority's commit of the client's
 * own message, which the authority may have rebased (decision 0025).
 *
 * prosemirror-collab does not export its state key or its `Rebaseable`; this
 * module reads and writes that state through the plugin instance, checking
 * its shape at run time (a version bump that changes it fails loudly here).
 */
import type { EditorState, Plugin, Transaction } from 'prosemirror-state';
import { TextSelection } from 'prosemirror-state';
import type { Step } from 'prosemirror-transform';
import { ReplaceAroundStep, ReplaceStep, Transform } from 'prosemirror-transform';
import type { StepOwner } from './step-owner';
import { stepOwner } from './step-owner';

/** The text a step inserts ('' for a deletion or a formatting step): what the desk keeps when it cannot apply it. */
export function stepText(step: Step): string {
  if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
    const content = step.slice.content;
    return content.textBetween(0, content.size, '\n', '\n');
  }
  return '';
}

/** A local step as prosemirror-collab keeps it (its `Rebaseable`). */
interface Unconfirmed {
  step: Step;
  inverted: Step;
  origin: Transaction;
}

interface CollabFields {
  version: number;
  unconfirmed: Unconfirmed[];
}

function collabPlugin(state: EditorState): Plugin {
  // The collab plugin is the one whose spec carries prosemirror-collab's config and history flag.
  const plugin = state.plugins.find((p) => {
    const spec = p.spec as { historyPreserveItems?: boolean; config?: { clientID?: unknown } };
    return spec.historyPreserveItems === true && spec.config !== undefined && spec.config.clientID !== undefined;
  });
  if (!plugin) throw new RangeError('the editor state has no prosemirror-collab plugin');
  return plugin;
}

function collabFields(state: EditorState): CollabFields {
  const fields = collabPlugin(state).getState(state) as CollabFields | undefined;
  if (!fields || typeof fields.version !== 'number' || !Array.isArray(fields.unconfirmed)) {
    throw new RangeError('prosemirror-collab state has an unexpected shape');
  }
  return fields;
}

/** The local steps not yet confirmed by the authority, oldest first. */
export function unconfirmedSteps(state: EditorState): Step[] {
  return collabFields(state).unconfirmed.map((u) => u.step);
}

/**
 * Indices (into the unconfirmed steps, after the first `ours` which the
 * remote steps confirm) of the local steps that would no longer apply after
 * rebasing over `remote` — computed on a scratch transform exactly as
 * prosemirror-collab's `rebaseSteps` does, before the real rebase runs.
 */
export function stepsLostInRebase(state: EditorState, remote: readonly Step[], ours: number): number[] {
  const unconfirmed = collabFields(state).unconfirmed.slice(ours);
  if (unconfirmed.length === 0 || remote.length === 0) return [];
  const tr = new Transform(state.doc);
  for (let i = unconfirmed.length - 1; i >= 0; i--) tr.step(unconfirmed[i]!.inverted);
  for (const step of remote) tr.step(step);
  const lost: number[] = [];
  for (let i = 0, mapFrom = unconfirmed.length; i < unconfirmed.length; i++) {
    const mapped = unconfirmed[i]!.step.map(tr.mapping.slice(mapFrom));
    mapFrom--;
    if (mapped && !tr.maybeStep(mapped).failed) setMirror(tr, mapFrom);
    else lost.push(i + ours);
  }
  return lost;
}

// Mapping.setMirror is internal in the typings but public in behaviour (prosemirror-collab uses it).
function setMirror(tr: Transform, mapFrom: number): void {
  (tr.mapping as unknown as { setMirror(n: number, m: number): void }).setMirror(mapFrom, tr.steps.length - 1);
}

/** A local step the desk took back, with what it would have inserted. */
export interface DroppedStep {
  index: number;
  text: string;
}

/**
 * A transaction that takes back the unconfirmed steps `drop` chooses (given
 * each step's index and what it touches, judged on the document it applies
 * to), keeping the others rebased. It marks itself as a rebase, so
 * prosemirror-history forgets the dropped steps too (undo never replays a
 * refused step), and is not itself undoable.
 */
export function dropUnconfirmed(
  state: EditorState,
  drop: (index: number, owner: StepOwner) => boolean,
): { tr: Transaction; dropped: DroppedStep[] } {
  const plugin = collabPlugin(state);
  const { version, unconfirmed } = collabFields(state);
  const tr = state.tr;
  for (let i = unconfirmed.length - 1; i >= 0; i--) tr.step(unconfirmed[i]!.inverted);
  const kept: Unconfirmed[] = [];
  const dropped: DroppedStep[] = [];
  for (let i = 0, mapFrom = unconfirmed.length; i < unconfirmed.length; i++) {
    const original = unconfirmed[i]!;
    const mapped = original.step.map(tr.mapping.slice(mapFrom));
    mapFrom--;
    if (mapped && !drop(i, stepOwner(mapped, tr.doc)) && !tr.maybeStep(mapped).failed) {
      setMirror(tr, mapFrom);
      kept.push({ step: mapped, inverted: mapped.invert(tr.docs[tr.docs.length - 1]!), origin: original.origin });
    } else {
      dropped.push({ index: i, text: stepText(original.step) });
    }
  }
  const next: CollabFields = { version, unconfirmed: kept };
  tr.setMeta(plugin, next).setMeta('rebased', unconfirmed.length).setMeta('addToHistory', false);
  return { tr, dropped };
}

/**
 * The transaction that takes the authority's commit of this client's message
 * (decision 0025): `committed` are the steps it became, `sources` the index
 * (as first sent) each came from; `alive` lists, for the first unconfirmed
 * steps, which sent step each is. When the authority committed exactly what
 * the client shows (the rule: both rebased the same steps the same way) the
 * steps are simply confirmed — no document change, the history untouched.
 * Otherwise the client's versions are undone, the committed ones applied and
 * the unsent steps rebased on top, each committed step mirrored to its
 * client version so prosemirror-history keeps it undoable. `lost` are the
 * positions (in `alive`) of sent steps the authority left out.
 */
export function confirmOwn(
  state: EditorState,
  alive: readonly number[],
  committed: readonly Step[],
  sources: readonly number[],
): { tr: Transaction; lost: number[]; rebasedLost: number[] } {
  const plugin = collabPlugin(state);
  const { version, unconfirmed } = collabFields(state);
  const sent = alive.length;
  const lost = alive.flatMap((a, p) => (sources.includes(a) ? [] : [p]));
  const same =
    committed.length === sent &&
    sources.every((s, k) => s === alive[k]) &&
    committed.every((c, k) => JSON.stringify(c.toJSON()) === JSON.stringify(unconfirmed[k]!.step.toJSON()));
  if (same) {
    const next: CollabFields = { version: version + committed.length, unconfirmed: unconfirmed.slice(sent) };
    return { tr: state.tr.setMeta(plugin, next), lost: [], rebasedLost: [] };
  }
  const tr = state.tr;
  const n = unconfirmed.length;
  for (let i = n - 1; i >= 0; i--) tr.step(unconfirmed[i]!.inverted);
  committed.forEach((step, k) => {
    tr.step(step);
    const p = alive.indexOf(sources[k]!);
    if (p >= 0) setMirrorAt(tr, n - 1 - p, tr.steps.length - 1);
  });
  const kept: Unconfirmed[] = [];
  const rebasedLost: number[] = [];
  for (let i = sent; i < n; i++) {
    const original = unconfirmed[i]!;
    const mapped = original.step.map(tr.mapping.slice(n - i));
    if (mapped && !tr.maybeStep(mapped).failed) {
      setMirrorAt(tr, n - 1 - i, tr.steps.length - 1);
      kept.push({ step: mapped, inverted: mapped.invert(tr.docs[tr.docs.length - 1]!), origin: original.origin });
    } else rebasedLost.push(i);
  }
  const next: CollabFields = { version: version + committed.length, unconfirmed: kept };
  if (state.selection instanceof TextSelection) {
    // As prosemirror-collab's mapSelectionBackward: the caret stays before text inserted at it.
    const map = (pos: number) => tr.doc.resolve(tr.mapping.map(pos, -1));
    tr.setSelection(TextSelection.between(map(state.selection.anchor), map(state.selection.head), -1));
  }
  tr.setMeta(plugin, next).setMeta('rebased', n).setMeta('addToHistory', false);
  return { tr, lost, rebasedLost };
}

function setMirrorAt(tr: Transform, n: number, m: number): void {
  (tr.mapping as unknown as { setMirror(n: number, m: number): void }).setMirror(n, m);
}
