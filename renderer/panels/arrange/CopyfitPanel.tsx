/**
 * The copyfit table: every story with its characters, lines needed and
 * available, and overset (red) or empty lines. Clicking a row selects the
 * story as a block and scrolls it into view.
 */
import type { EditorView } from 'prosemirror-view';
import type { PageFit } from '../../editor/copyfit-plugin';
import { selectBlocks } from '../../arrange/arrange-commands';
import { selectedBlockIds, targetBlockIds } from '../../arrange/arrange-state';
import { at } from './arrange-strings';
import { copyfitRows } from './copyfit-rows';
import type { CopyfitRow } from './copyfit-rows';

function statusText(row: CopyfitRow): string {
  switch (row.status) {
    case 'overset':
      return `${at('overset')} ${row.overset}${at('charsUnit')}`;
    case 'underset':
      return `${at('underset')} ${row.undersetLines}${at('linesUnit')}`;
    case 'fit':
      return at('fit');
    case 'unmeasured':
      return at('unmeasured');
  }
}

/** Selects a story and brings it to the middle of the viewport. */
export function revealBlock(view: EditorView, id: string): void {
  selectBlocks([id])(view.state, view.dispatch, view);
  const el = view.dom.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(id)}"]`);
  el?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  view.focus();
}

export function CopyfitPanel({ view, fits }: { view: EditorView; fits: PageFit }) {
  const rows = copyfitRows(view.state.doc, fits);
  const selected = new Set(selectedBlockIds(view.state).length > 0 ? selectedBlockIds(view.state) : targetBlockIds(view.state));
  return (
    <section className="bm-copyfit" aria-label={at('copyfit')}>
      <h2>{at('copyfit')}</h2>
      {rows.length === 0 ? (
        <p className="bm-copyfit-empty">{at('noStories')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{at('chars')}</th>
              <th scope="col">{at('linesNeeded')}</th>
              <th scope="col">{at('linesAvailable')}</th>
              <th scope="col">{at('status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                className="bm-copyfit-row"
                data-block-id={row.id}
                data-status={row.status}
                data-overset={row.overset}
                data-underset-lines={row.undersetLines}
                data-lines-needed={row.linesNeeded ?? ''}
                data-lines-available={row.linesAvailable}
                aria-selected={selected.has(row.id)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => revealBlock(view, row.id)}
              >
                <th scope="row" className="bm-copyfit-name" title={row.name}>
                  {row.name}
                </th>
                <td>{row.chars}</td>
                <td>{row.linesNeeded === null ? '' : `${row.status === 'overset' ? '≈' : ''}${row.linesNeeded}`}</td>
                <td>{row.linesAvailable}</td>
                <td className="bm-copyfit-status">{statusText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
