/**
 * The side panel beside the page: arrange tools (grid, stacking, duplicate,
 * delete) over the selected blocks, and the copyfit table of every story.
 * It reads the editor view when what it shows changed (use-page-value.ts) and runs
 * commands on it; it keeps no copy of the document. Its sub-panels re-render on their own.
 */
import { useSyncExternalStore } from 'react';
import type { MouseEvent } from 'react';
import type { EditorSession } from '../../editor/editor-session';
import { language, subscribeLanguage } from '../../i18n/i18n';
import { arrangeAction, toggleGrid } from '../../arrange/arrange-commands';
import type { ArrangeAction } from '../../arrange/arrange-commands';
import { arrangeState } from '../../arrange/arrange-state';
import { at } from './arrange-strings';
import type { ArrangeStringKey } from './arrange-strings';
import { PropertiesPanel } from '../properties/PropertiesPanel';
import { CopyfitPanel } from './CopyfitPanel';
import { StylesPanel } from '../styles/StylesPanel';
import { usePageValue } from '../use-page-value';
import { arrangeShown } from '../panel-shown';
import './arrange-panel.css';

const noSession = () => () => {};
const nothing = () => null;

const TOOLS: readonly { action: ArrangeAction; label: ArrangeStringKey; title: ArrangeStringKey }[] = [
  { action: 'bringForward', label: 'bringForward', title: 'bringForwardTitle' },
  { action: 'sendBackward', label: 'sendBackward', title: 'sendBackwardTitle' },
  { action: 'bringToFront', label: 'bringToFront', title: 'bringToFrontTitle' },
  { action: 'sendToBack', label: 'sendToBack', title: 'sendToBackTitle' },
  { action: 'duplicate', label: 'duplicate', title: 'duplicateTitle' },
  { action: 'delete', label: 'delete', title: 'deleteTitle' },
];

const ACTIONS = TOOLS.map((t) => t.action);

export function ArrangePanel({ session }: { session: EditorSession | null }) {
  useSyncExternalStore(session?.subscribe ?? noSession, session?.getSnapshot ?? nothing);
  useSyncExternalStore(subscribeLanguage, language);
  const view = session?.view ?? null;
  usePageValue(session, (v) => arrangeShown(v.state, ACTIONS));
  if (!view) return <aside className="bm-arrange-panel" />;
  // Buttons must not take focus from the page: the selection stays.
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  const run = (command: typeof toggleGrid) => {
    command(view.state, view.dispatch, view);
    view.focus();
  };
  const grid = arrangeState(view.state).grid;
  return (
    <aside className="bm-arrange-panel">
      <div className="bm-arrange-tools" role="toolbar" aria-label={at('panel')}>
        <button type="button" data-arrange-action="grid" aria-pressed={grid} title={at('gridTitle')} onMouseDown={keepFocus} onClick={() => run(toggleGrid)}>
          {at('grid')}
        </button>
        {TOOLS.map(({ action, label, title }) => {
          const command = arrangeAction(action);
          return (
            <button
              key={action}
              type="button"
              data-arrange-action={action}
              title={at(title)}
              disabled={!command(view.state)}
              onMouseDown={keepFocus}
              onClick={() => run(command)}
            >
              {at(label)}
            </button>
          );
        })}
      </div>
      <PropertiesPanel session={session!} />
      <CopyfitPanel session={session!} />
      <StylesPanel session={session!} />
    </aside>
  );
}
