/**
 * The 样式 panel: the page's paragraph styles (size, uses, the one at the
 * caret), an editor for one of them, and the character styles. Every change
 * is one command on the view (one undo step) and restyles every use at
 * once. It reads the view when told and keeps no copy of the document.
 */
import { useEffect, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import {
  applyStyle,
  defineStyle,
  deleteStyle,
  renameStyle,
  styleUseCounts,
  toggleCharacterStyle,
  updateCharacterStyle,
  updateStyle,
} from '../../../shared/model/commands/styles';
import type { StylePatch } from '../../../shared/model/commands/styles';
import { isBuiltinStyle, isStyledNodeType, kindTakesLines, resolveType, styleSheetOf } from '../../../shared/model/styles';
import type { CharacterStyle, ParagraphStyle } from '../../../shared/model/styles';
import { STYLE_ALIGNS, STYLE_FACES } from '../../../shared/model/styles-types';
import type { PageSettings } from '../../../shared/page/settings';
import { HAO_SIZES, haoNameOf } from '../../../shared/page/units';
import type { HaoName } from '../../../shared/page/units';
import type { EditorSession } from '../../editor/editor-session';
import { st, styleLabel } from './style-strings';
import type { StyleStringKey } from './style-strings';
import './styles-panel.css';
import { activeScope } from '../../../shared/edition/page-scope';

const WEIGHTS = [400, 700, 900] as const;

/** Re-renders the caller when the document changes or the selection moves (the style at the caret). */
function useViewTick(session: EditorSession): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const doc = session.view.dom.ownerDocument;
    const on = () => setTick((n) => n + 1);
    doc.addEventListener('selectionchange', on);
    const off = session.onPageChange(on);
    return () => {
      doc.removeEventListener('selectionchange', on);
      off();
    };
  }, [session]);
}

function sizeText(s: ParagraphStyle, settings: PageSettings): string {
  if (s.kind === 'body') return `${st('sizeGrid')} ${settings.grid.bodyPt}${st('pt')}`;
  const pt = s.sizePt ?? settings.grid.bodyPt;
  return haoNameOf(pt) ?? `${pt}${st('pt')}`;
}

/** The style of the text block at the selection head, if any. */
function currentStyle(view: EditorView): string | null {
  const parent = view.state.selection.$head.parent;
  return isStyledNodeType(parent.type.name) ? resolveType(parent, activeScope(view.state).page.attrs['settings'] as PageSettings).style : null;
}

// Buttons must not take focus from the page: the selection stays.
const keepFocus = (e: MouseEvent) => e.preventDefault();

/** A number field that commits on Enter or when it loses focus. */
function NumberField(props: { field: string; label: string; value: number | null; step: number; disabled?: boolean; onCommit: (v: number) => void }) {
  const commit = (el: HTMLInputElement) => {
    const v = Number(el.value);
    if (el.value.trim() === '' || !Number.isFinite(v)) {
      el.value = props.value === null ? '' : String(props.value);
      return;
    }
    if (v !== props.value) props.onCommit(v);
  };
  return (
    <label className="bm-style-field">
      <span>{props.label}</span>
      <input
        key={String(props.value)}
        type="number"
        step={props.step}
        data-style-field={props.field}
        defaultValue={props.value === null ? '' : String(props.value)}
        disabled={props.disabled}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') commit(e.currentTarget);
        }}
      />
    </label>
  );
}

function StyleEditor({ view, style, run, onSelect }: { view: EditorView; style: ParagraphStyle; run: (c: Command) => boolean; onSelect: (name: string) => void }) {
  const settings = activeScope(view.state).page.attrs['settings'] as PageSettings;
  const update = (patch: StylePatch) => run(updateStyle(style.name, patch));
  const body = style.kind === 'body';
  const hao = style.sizePt === null ? 'body' : (haoNameOf(style.sizePt) ?? '');
  const [name, setName] = useState('');
  const builtin = isBuiltinStyle(style.name);
  return (
    <div className="bm-style-editor" data-style-editing={style.name}>
      <h3>
        {styleLabel(style.name)} <small>{st(`kind_${style.kind}` as StyleStringKey)}</small>
      </h3>
      <label className="bm-style-field">
        <span>{st('face')}</span>
        <select data-style-field="face" value={style.face} onChange={(e) => update({ face: e.target.value as ParagraphStyle['face'] })}>
          {STYLE_FACES.map((f) => (
            <option key={f} value={f}>
              {st(`face_${f}` as StyleStringKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="bm-style-field">
        <span>{st('size')}</span>
        <select
          data-style-field="hao"
          value={body ? 'body' : hao}
          disabled={body}
          onChange={(e) => update({ sizePt: e.target.value === 'body' ? null : HAO_SIZES[e.target.value as HaoName] })}
        >
          <option value="">—</option>
          <option value="body">{body ? `${st('sizeGrid')} ${settings.grid.bodyPt}${st('pt')}` : st('sizeBody')}</option>
          {(Object.keys(HAO_SIZES) as HaoName[]).map((n) => (
            <option key={n} value={n}>
              {n} {HAO_SIZES[n]}
            </option>
          ))}
        </select>
      </label>
      <NumberField field="sizePt" label={st('pt')} value={body ? settings.grid.bodyPt : (style.sizePt ?? settings.grid.bodyPt)} step={0.5} disabled={body} onCommit={(v) => update({ sizePt: v })} />
      <label className="bm-style-field">
        <span>{st('weight')}</span>
        <select data-style-field="weight" value={String(style.weight)} onChange={(e) => update({ weight: Number(e.target.value) })}>
          {[...new Set([...WEIGHTS, style.weight])].map((w) => (
            <option key={w} value={w}>
              {(WEIGHTS as readonly number[]).includes(w) ? st(`weight_${w}` as StyleStringKey) : w}
            </option>
          ))}
        </select>
      </label>
      <label className="bm-style-field">
        <span>{st('align')}</span>
        <select data-style-field="align" value={style.align} onChange={(e) => update({ align: e.target.value as ParagraphStyle['align'] })}>
          {STYLE_ALIGNS.map((a) => (
            <option key={a} value={a}>
              {st(`align_${a}` as StyleStringKey)}
            </option>
          ))}
        </select>
      </label>
      <NumberField field="trackingEm" label={st('tracking')} value={style.trackingEm} step={0.05} disabled={body} onCommit={(v) => update({ trackingEm: v })} />
      <NumberField field="scaleX" label={st('scaleX')} value={style.scaleX} step={5} disabled={body} onCommit={(v) => update({ scaleX: v })} />
      <NumberField field="indentChars" label={st('indent')} value={style.indentChars} step={0.5} onCommit={(v) => update({ indentChars: v })} />
      <NumberField field="lines" label={st('lines')} value={style.lines} step={1} disabled={!kindTakesLines(style.kind)} onCommit={(v) => update({ lines: v })} />
      <div className="bm-style-actions">
        <input data-style-field="name" placeholder={st('newName')} value={name} maxLength={32} onChange={(e) => setName(e.target.value)} />
        <button
          type="button"
          data-style-action="new"
          title={st('newStyleTitle')}
          disabled={name.trim() === ''}
          onMouseDown={keepFocus}
          onClick={() => {
            if (run(defineStyle({ ...style, name: name.trim() }))) onSelect(name.trim());
          }}
        >
          {st('newStyle')}
        </button>
        <button
          type="button"
          data-style-action="rename"
          disabled={builtin || name.trim() === ''}
          onMouseDown={keepFocus}
          onClick={() => {
            if (run(renameStyle(style.name, name.trim()))) onSelect(name.trim());
          }}
        >
          {st('rename')}
        </button>
        <button type="button" data-style-action="delete" title={st('deleteTitle')} disabled={!deleteStyle(style.name)(view.state)} onMouseDown={keepFocus} onClick={() => run(deleteStyle(style.name))}>
          {st('delete')}
        </button>
      </div>
    </div>
  );
}

function CharacterStyles({ view, styles, run }: { view: EditorView; styles: readonly CharacterStyle[]; run: (c: Command) => boolean }) {
  const { from, to, empty } = view.state.selection;
  return (
    <div className="bm-char-styles">
      <h3>{st('characterStyles')}</h3>
      {styles.map((c) => {
        const mark = view.state.schema.marks[c.mark];
        const active = !!mark && (empty ? !!mark.isInSet(view.state.storedMarks ?? view.state.selection.$from.marks()) : view.state.doc.rangeHasMark(from, to, mark));
        return (
          <div key={c.name} className="bm-char-style" data-char-style={c.name}>
            <button
              type="button"
              data-char-style-toggle={c.name}
              aria-pressed={active}
              disabled={!toggleCharacterStyle(c.name)(view.state)}
              onMouseDown={keepFocus}
              onClick={() => run(toggleCharacterStyle(c.name))}
            >
              {st(`char_${c.name}` as StyleStringKey)}
            </button>
            <select data-char-style-field="face" aria-label={st('face')} value={c.face ?? ''} onChange={(e) => run(updateCharacterStyle(c.name, { face: (e.target.value || null) as CharacterStyle['face'] }))}>
              <option value="">{st('faceInherit')}</option>
              {STYLE_FACES.map((f) => (
                <option key={f} value={f}>
                  {st(`face_${f}` as StyleStringKey)}
                </option>
              ))}
            </select>
            <select
              data-char-style-field="weight"
              aria-label={st('weight')}
              value={c.weight === null ? '' : String(c.weight)}
              onChange={(e) => run(updateCharacterStyle(c.name, { weight: e.target.value === '' ? null : Number(e.target.value) }))}
            >
              <option value="">{st('weightInherit')}</option>
              {WEIGHTS.map((w) => (
                <option key={w} value={w}>
                  {st(`weight_${w}` as StyleStringKey)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}

export function StylesPanel({ session }: { session: EditorSession }) {
  useViewTick(session);
  const view = session.view;
  const [editing, setEditing] = useState<string>('headline');
  const [error, setError] = useState<string | null>(null);
  const settings = activeScope(view.state).page.attrs['settings'] as PageSettings;
  const sheet = styleSheetOf(settings);
  const counts = styleUseCounts(activeScope(view.state));
  const current = currentStyle(view);
  const style = sheet.paragraph.find((s) => s.name === editing) ?? sheet.paragraph[0];
  const run = (command: Command): boolean => {
    try {
      setError(null);
      return command(view.state, view.dispatch, view);
    } catch (e) {
      // Commands refuse invalid styles with a RangeError naming the field.
      setError(`${st('invalid')}: ${(e as Error).message}`);
      return false;
    }
  };
  return (
    <section className="bm-styles" aria-label={st('styles')}>
      <h2>{st('styles')}</h2>
      <ul className="bm-style-list" aria-label={st('paragraphStyles')}>
        {sheet.paragraph.map((s) => (
          <li
            key={s.name}
            className="bm-style-row"
            data-style-name={s.name}
            data-uses={counts.get(s.name) ?? 0}
            aria-selected={s.name === style?.name}
            aria-current={s.name === current ? 'true' : undefined}
            onClick={() => setEditing(s.name)}
          >
            <span className="bm-style-name">{styleLabel(s.name)}</span>
            <span className="bm-style-size">{sizeText(s, settings)}</span>
            <span className="bm-style-uses">
              {counts.get(s.name) ?? 0}
              {st('uses')}
            </span>
            <button
              type="button"
              data-style-apply={s.name}
              title={st('applyTitle')}
              disabled={!applyStyle(s.name)(view.state)}
              onMouseDown={keepFocus}
              onClick={(e) => {
                e.stopPropagation();
                if (run(applyStyle(s.name))) view.focus();
              }}
            >
              {st('apply')}
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="bm-style-error" role="alert">
          {error}
        </p>
      ) : null}
      {style ? <StyleEditor key={style.name} view={view} style={style} run={run} onSelect={setEditing} /> : null}
      <CharacterStyles view={view} styles={sheet.character} run={run} />
    </section>
  );
}
