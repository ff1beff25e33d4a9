/**
 * Images other people placed (docs/decisions/0036): a remote transaction may
 * name an image this client's document has no entry for (its host fetches
 * the bytes from the desk when the photo is shown). This finds the hashes a
 * remote transaction's steps name, so the app can ask its host for their
 * entries — the preflight and the export dialog judge photos by them.
 */
import type { Transaction } from 'prosemirror-state';
import { AttrStep } from 'prosemirror-transform';

/** Whether a transaction brings other people's steps (prosemirror-collab's receiveTransaction marks it). */
export function isRemote(tr: Transaction): boolean {
  return tr.getMeta('rebased') !== undefined;
}

/** The image hashes of photos a transaction's steps set or brought in, that `known` lacks. */
export function unknownImages(tr: Transaction, known: ReadonlyMap<string, unknown>): string[] {
  const found = new Set<string>();
  const add = (hash: unknown) => {
    if (typeof hash === 'string' && hash !== '' && !known.has(hash)) found.add(hash);
  };
  tr.steps.forEach((step, i) => {
    if (step instanceof AttrStep) {
      if (step.attr === 'asset') add(step.value);
      return;
    }
    // What the step put in place, in the document after it, mapped to the end of the transaction.
    const after = tr.mapping.slice(i + 1);
    step.getMap().forEach((_oldFrom, _oldTo, from, to) => {
      const a = after.map(from, -1);
      const b = after.map(to, 1);
      if (b > a) tr.doc.nodesBetween(a, b, (node) => void (node.type.name === 'photo' && add(node.attrs['asset'])));
    });
  });
  return [...found];
}
