/**
 * The copyfit table: every story with its characters, lines needed and
 * available, and overset (red) or empty lines; below it, one row for every
 * text part of any block that does not fit (标题超行 2行, 图片说明超出 8字).
 * Clicking a row selects the block and scrolls it into view.
 */
import type { EditorView } from 'prosemirror-view';
import type { PageFit } from '../../editor/copyfit-plugin';
import { selectBlocks } from '../../arrange/arrange-commands';
import { selectedBlockIds, targetBlockIds } from '../../arrange/arrange-state';
import { at } from './arrange-strings';
import { copyfitRows } from './copyfit-rows';
import type { CopyfitRow } from './copyfit-rows';
import { oversetRows } from './overset-rows';
import { activeScope } from '../../../shared/edition/page-scope';

function statusText(row: CopyfitRow): string {
  switch (row.status) {
    case 'overset':
      return row.partOver ?? `${at('overset')} ${row.overset}${at('charsUnit')}`;
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
  const page = activeScope(view.state).page;
  const rows = copyfitRows(page, fits);
  const over = oversetRows(page, fits);
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
                <td>{row.linesNeeded === null ? '' : `${row.overset > 0 ? '≈' : ''}${row.linesNeeded}`}</td>
                <td>{row.linesAvailable}</td>
                <td className="bm-copyfit-status">{statusText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {over.length > 0 && (
        <ul className="bm-copyfit-oversets" aria-label={at('oversetParts')}>
          {over.map((row) => (
            <li
              key={`${row.id}:${row.part.part}`}
              className="bm-copyfit-overset"
              data-block-id={row.id}
              data-kind={row.kind}
              data-part={row.part.part}
              data-lines={row.part.lines}
              data-chars={row.part.chars}
              aria-selected={selected.has(row.id)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => revealBlock(view, row.id)}
            >
              <span className="bm-copyfit-name">{row.name}</span>
              <span className="bm-copyfit-status">{row.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
