/**
 * A list of preflight findings, most severe first, each with where it is on
 * the page; clicking one that names a block selects that block on the page.
 */
import type { PreflightFinding } from '../../../shared/preflight/finding';
import type { EditorSession } from '../../editor/editor-session';
import { selectBlocks } from '../../arrange/arrange-commands';
import { et } from '../../i18n/export-strings';
import { findingLocation, findingMessage } from './live-preflight';
import './preflight.css';

export function PreflightSummary({ findings }: { findings: readonly PreflightFinding[] }) {
  const count = (level: PreflightFinding['level']) => findings.filter((f) => f.level === level).length;
  const errors = count('error');
  const warnings = count('warning');
  return (
    <span className="bm-pf-summary" data-errors={errors} data-warnings={warnings}>
      <span className={errors > 0 ? 'bm-pf-count bm-pf-error' : 'bm-pf-count'}>
        {errors} {et('errors')}
      </span>
      <span className={warnings > 0 ? 'bm-pf-count bm-pf-warning' : 'bm-pf-count'}>
        {warnings} {et('warnings')}
      </span>
    </span>
  );
}

export function PreflightList({ findings, session, onSelect }: { findings: readonly PreflightFinding[]; session: EditorSession | null; onSelect?: () => void }) {
  const shown = findings.filter((f) => f.level !== 'info' || f.code !== 'overset-not-measured');
  if (shown.length === 0) return <p className="bm-pf-none">{et('noFindings')}</p>;
  const select = (id: string) => {
    if (!session) return;
    session.run(selectBlocks([id]));
    onSelect?.();
  };
  return (
    <ul className="bm-pf-list">
      {shown.map((f, i) => {
        const where = findingLocation(session?.page ?? null, f);
        const clickable = f.blockId !== undefined && session !== null;
        return (
          <li
            key={`${f.code}-${f.blockId ?? ''}-${i}`}
            className={`bm-pf-item bm-pf-${f.level}`}
            data-level={f.level}
            data-code={f.code}
            data-finding-block={f.blockId ?? ''}
            role={clickable ? 'button' : undefined}
            tabIndex={clickable ? 0 : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={clickable ? () => select(f.blockId!) : undefined}
            onKeyDown={clickable ? (e) => (e.key === 'Enter' || e.key === ' ') && select(f.blockId!) : undefined}
          >
            <span className="bm-pf-level">{et(f.level === 'error' ? 'errors' : f.level === 'warning' ? 'warnings' : 'infos')}</span>
            <span className="bm-pf-message">{findingMessage(f)}</span>
            {where ? <span className="bm-pf-where">{where}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
