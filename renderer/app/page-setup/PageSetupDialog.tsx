import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import { blocksOutsideGrid, checkPageSettings, setPageSettings } from '../../../shared/model/commands/page-settings';
import { gridMetrics } from '../../../shared/page/geometry';
import { PAGE_PRESETS, PUNCTUATION_STYLES, punctuationStyle, settingsFromPreset } from '../../../shared/page/settings';
import type { PagePresetName, PageSettings, PunctuationStyle } from '../../../shared/page/settings';
import type { AppController } from '../app-controller';
import { bt } from '../../i18n/bin-strings';
import type { BinStringKey } from '../../i18n/bin-strings';
import { pageSetupOpen } from './page-setup-store';
import './page-setup.css';

/** The form's fields: a path into PageSettings and its label. */
const FIELDS = [
  ['paper', 'width', 'paperWidth'],
  ['paper', 'height', 'paperHeight'],
  ['margins', 'top', 'marginTop'],
  ['margins', 'left', 'marginLeft'],
  ['grid', 'columns', 'columns'],
  ['grid', 'charsPerColumn', 'charsPerColumn'],
  ['grid', 'gutterChars', 'gutterChars'],
  ['grid', 'bodyPt', 'bodyPt'],
  ['grid', 'linePitchPt', 'linePitchPt'],
  ['grid', 'lines', 'gridLines'],
] as const;

type Section = (typeof FIELDS)[number][0];
type Form = Record<string, string>;

function formOf(settings: PageSettings): Form {
  const form: Form = {};
  for (const [section, key] of FIELDS) form[`${section}.${key}`] = String((settings[section] as unknown as Record<string, number>)[key]);
  return form;
}

function settingsOf(base: PageSettings, form: Form, punctuation: PunctuationStyle): unknown {
  const next = structuredClone(base) as unknown as Record<Section, Record<string, number>>;
  for (const [section, key] of FIELDS) {
    const raw = form[`${section}.${key}`]?.trim() ?? '';
    next[section][key] = raw === '' ? NaN : Number(raw);
  }
  // Unchanged stays as stored (absent = 全角式), so applying nothing changes nothing.
  return punctuation === punctuationStyle(base) ? next : { ...next, punctuation };
}

function presetOf(settings: unknown): PagePresetName | 'custom' {
  for (const name of Object.keys(PAGE_PRESETS) as PagePresetName[]) {
    const p = PAGE_PRESETS[name];
    const s = settings as PageSettings;
    if (JSON.stringify([s.paper, s.margins, s.grid]) === JSON.stringify([p.paper, p.margins, p.grid])) return name;
  }
  return 'custom';
}

/**
 * Page setup: paper, margins and grid, with the 对开 and 四开 presets, and the
 * punctuation style (全角式 / 开明式). Applied
 * as one transaction; blocks the new grid would leave outside are listed
 * first and moved in when applied.
 */
export function PageSetupDialog({ app }: { app: AppController }) {
  const open = useSyncExternalStore(pageSetupOpen.subscribe, pageSetupOpen.getSnapshot);
  const session = app.session;
  if (!open || !session) return null;
  return <PageSetupForm app={app} base={session.settings} />;
}

function PageSetupForm({ app, base }: { app: AppController; base: PageSettings }) {
  const [form, setForm] = useState<Form>(() => formOf(base));
  const [punctuation, setPunctuation] = useState<PunctuationStyle>(punctuationStyle(base));
  const dialog = useRef<HTMLDialogElement>(null);
  const candidate = useMemo(() => settingsOf(base, form, punctuation), [base, form, punctuation]);
  const checked = useMemo(() => checkPageSettings(candidate), [candidate]);
  const outside = useMemo(() => (checked.ok && app.session ? blocksOutsideGrid(app.session.scope, checked.settings.grid) : []), [checked, app.session]);
  const preset = presetOf(candidate);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const close = () => pageSetupOpen.set(false);
  const choosePreset = (name: string) => {
    if (name in PAGE_PRESETS) setForm(formOf(settingsFromPreset(name as PagePresetName, base.edition)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const session = app.session;
    if (!checked.ok || !session) return;
    const moved = outside.length;
    session.run(setPageSettings(checked.settings));
    close();
    app.showInfo(moved > 0 ? `${bt('settingsApplied')}；${moved} ${bt('blocksMoved')}` : bt('settingsApplied'));
    app.zoomFit();
  };

  const m = checked.ok ? gridMetrics(checked.settings) : null;
  return (
    <dialog ref={dialog} className="bm-page-setup" data-page-setup="true" onCancel={close} onClose={close}>
      <form method="dialog" onSubmit={submit}>
        <h2>{bt('pageSetup')}</h2>
        <label className="bm-ps-row">
          <span>{bt('preset')}</span>
          <select name="preset" value={preset} onChange={(e) => choosePreset(e.target.value)}>
            <option value="duikai">{bt('preset_duikai')}</option>
            <option value="sikai">{bt('preset_sikai')}</option>
            <option value="custom" disabled>
              {bt('preset_custom')}
            </option>
          </select>
        </label>
        <div className="bm-ps-grid">
          {FIELDS.map(([section, key, label]) => {
            const name = `${section}.${key}`;
            return (
              <label key={name} className="bm-ps-row">
                <span>{bt(label as BinStringKey)}</span>
                <input name={name} inputMode="decimal" value={form[name] ?? ''} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
              </label>
            );
          })}
        </div>
        <label className="bm-ps-row">
          <span>{bt('punctuation')}</span>
          <select name="punctuation" data-punctuation-choice value={punctuation} onChange={(e) => setPunctuation(e.target.value as PunctuationStyle)}>
            {PUNCTUATION_STYLES.map((style) => (
              <option key={style} value={style}>
                {bt(`punctuation_${style}`)}
              </option>
            ))}
          </select>
        </label>
        {m ? (
          <p className="bm-ps-summary" data-type-area>
            {bt('typeArea')} {((m.typeWidthPx * 25.4) / 96).toFixed(1)} × {((m.typeHeightPx * 25.4) / 96).toFixed(1)} mm
          </p>
        ) : null}
        {!checked.ok ? (
          <p className="bm-ps-error" role="alert" data-settings-error>
            {checked.message}
          </p>
        ) : null}
        {outside.length > 0 ? (
          <div className="bm-ps-warning" role="status" data-outside-count={outside.length}>
            <p>{bt('outsideWarning')}:</p>
            <ul>
              {outside.slice(0, 8).map((o) => (
                <li key={o.id}>
                  {o.id} ({o.from.col},{o.from.line} {o.from.cols}×{o.from.lines} → {o.to.col},{o.to.line} {o.to.cols}×{o.to.lines})
                </li>
              ))}
              {outside.length > 8 ? <li>… +{outside.length - 8}</li> : null}
            </ul>
          </div>
        ) : null}
        <div className="bm-ps-buttons">
          <button type="button" onClick={close}>
            {bt('cancel')}
          </button>
          <button type="submit" data-apply disabled={!checked.ok}>
            {bt('apply')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
