/**
 * 导出 PDF: the variant (校样 / PDF/X-4 / PDF/X-4 CMYK), bleed, marks,
 * output profile, JPEG quality and resolution; the page's preflight before
 * export and the host's (page and PDF) after; the host's progress through
 * 排版 → 打印 → 后处理 → 检查. Preflight errors stop the export unless the
 * editor ticks 仍然导出.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { EXPORT_CANCELLED, EXPORT_STAGES, EXPORT_VARIANTS } from '../../../shared/host/host-api';
import type { ExportInfo, ExportProgress, ExportStage } from '../../../shared/host/host-api';
import type { PreflightFinding } from '../../../shared/preflight/finding';
import type { AppController } from '../app-controller';
import { et } from '../../i18n/export-strings';
import type { ExportStringKey } from '../../i18n/export-strings';
import { language, subscribeLanguage } from '../../i18n/i18n';
import { assetSizes, preflightEditedPage } from '../../panels/preflight/live-preflight';
import { PreflightList, PreflightSummary } from '../../panels/preflight/PreflightList';
import type { ExportChoices } from './export-store';
import { exportDialogOpen, loadChoices, optionsOf, saveChoices } from './export-store';
import { hostErrorLine } from '../../host/host-error-line';
import './export-dialog.css';

export function ExportDialog({ app }: { app: AppController }) {
  const open = useSyncExternalStore(exportDialogOpen.subscribe, exportDialogOpen.getSnapshot);
  useSyncExternalStore(subscribeLanguage, language);
  if (!open || !app.session) return null;
  return <ExportForm app={app} />;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; stage: ExportStage; cancelling?: boolean }
  | { kind: 'done'; info: ExportInfo }
  | { kind: 'cancelled'; stage: ExportStage }
  | { kind: 'failed'; code: string; message: string };

/** What 选择… last said: the profile's description, or why it was refused. */
type ProfileNote = { ok: true; name: string; description: string } | { ok: false; message: string } | null;

function ExportForm({ app }: { app: AppController }) {
  const session = app.session!;
  const dialog = useRef<HTMLDialogElement>(null);
  const [choices, setChoices] = useState<ExportChoices>(loadChoices);
  const [override, setOverride] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [after, setAfter] = useState<PreflightFinding[] | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [profileNote, setProfileNote] = useState<ProfileNote>(null);
  const before = useMemo(() => preflightEditedPage({ doc: session.page, fits: session.fits, assets: assetSizes(app.assets.values()) }), [session, app]);
  const findings = after ?? before;
  const errors = findings.filter((f) => f.level === 'error').length;
  const running = phase.kind === 'running';
  const checked = optionsOf(choices, override);
  const print = choices.variant !== 'proof';

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    if (!running) return;
    const started = performance.now();
    const timer = setInterval(() => setElapsed(performance.now() - started), 100);
    return () => clearInterval(timer);
  }, [running]);

  const close = () => {
    if (!running) exportDialogOpen.set(false);
  };
  const set = <K extends keyof ExportChoices>(key: K, value: ExportChoices[K]) => setChoices({ ...choices, [key]: value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!checked.ok || running || (errors > 0 && !override)) return;
    saveChoices(choices);
    setAfter(null);
    setElapsed(0);
    setPhase({ kind: 'running', stage: 'layout' });
    // Each stage the host passed is committed to the list in turn (a poll can bring several at once; batched, the
    // list would jump over the quick ones and a screen reader would not hear them).
    const onProgress = (p: ExportProgress) =>
      flushSync(() => {
        if (p.findings) setAfter(p.findings);
        setPhase((prev) => (prev.kind === 'running' ? { ...prev, stage: p.stage } : prev));
      });
    const r = await app.exportPdf(checked.options, onProgress);
    if (r === undefined) {
      setPhase({ kind: 'idle' });
    } else if (!r.ok && r.error.code === EXPORT_CANCELLED) {
      setPhase((prev) => ({ kind: 'cancelled', stage: prev.kind === 'running' ? prev.stage : 'layout' }));
    } else if (!r.ok) {
      setPhase({ kind: 'failed', code: r.error.code, message: hostErrorLine(r.error) });
    } else if (r.value === null) {
      setPhase({ kind: 'idle' });
    } else {
      if (r.value.findings) setAfter(r.value.findings);
      setPhase({ kind: 'done', info: r.value });
    }
  };

  const cancel = () => {
    if (phase.kind !== 'running' || phase.cancelling) return;
    setPhase({ ...phase, cancelling: true });
    // The export's own result says when it stopped (code CANCELLED); an export that finished first stays done.
    void app.cancelExport();
  };

  const chooseProfile = async () => {
    const r = await app.host.chooseOutputProfile();
    if (!r.ok) {
      setProfileNote({ ok: false, message: hostErrorLine(r.error) });
    } else if (r.value) {
      setProfileNote({ ok: true, name: r.value.name, description: r.value.description });
      setChoices((c) => ({ ...c, profile: 'custom', profilePath: r.value!.path }));
    }
  };

  const stageIndex =
    phase.kind === 'running' || phase.kind === 'cancelled' ? EXPORT_STAGES.indexOf(phase.stage) : phase.kind === 'done' ? EXPORT_STAGES.length : -1;
  const bad = checked.ok ? [] : checked.bad;
  const field = (key: keyof ExportChoices) => (bad.includes(key) ? 'bm-ex-bad' : undefined);

  return (
    <dialog ref={dialog} className="bm-export" data-export-dialog="true" data-phase={phase.kind} onCancel={(e) => (running ? e.preventDefault() : close())} onClose={close}>
      <form method="dialog" onSubmit={(e) => void submit(e)}>
        <h2>{et('exportTitle')}</h2>
        <fieldset className="bm-ex-options" disabled={running}>
          <label className="bm-ex-row">
            <span>{et('variant')}</span>
            <select name="variant" value={choices.variant} onChange={(e) => set('variant', e.target.value as ExportChoices['variant'])}>
              {EXPORT_VARIANTS.map((v) => (
                <option key={v} value={v}>
                  {et(`variant_${v}` as ExportStringKey)}
                </option>
              ))}
            </select>
          </label>
          <p className="bm-ex-hint">{et(`variantHint_${choices.variant}` as ExportStringKey)}</p>
          <label className="bm-ex-row">
            <span>{et('bleed')}</span>
            <input name="bleed" className={field('bleedMm')} inputMode="decimal" disabled={!print} value={print ? choices.bleedMm : '0'} onChange={(e) => set('bleedMm', e.target.value)} />
          </label>
          <label className="bm-ex-check">
            <input type="checkbox" name="marks" disabled={!print} checked={print && choices.marks} onChange={(e) => set('marks', e.target.checked)} />
            <span>{et('marks')}</span>
          </label>
          <label className="bm-ex-row">
            <span>{et('profile')}</span>
            <select name="profile" disabled={!print} value={choices.profile} onChange={(e) => set('profile', e.target.value as ExportChoices['profile'])}>
              <option value="default">{et('profileDefault')}</option>
              <option value="custom">{et('profileCustom')}</option>
            </select>
          </label>
          {print && choices.profile === 'custom' ? (
            <div className="bm-ex-row">
              <label htmlFor="bm-ex-profile-path">{et('profilePath')}</label>
              <span className="bm-ex-profile">
                <input
                  id="bm-ex-profile-path"
                  name="profilePath"
                  className={field('profilePath')}
                  value={choices.profilePath}
                  title={choices.profilePath}
                  placeholder="/…/plant.icc"
                  onChange={(e) => {
                    setProfileNote(null);
                    set('profilePath', e.target.value);
                  }}
                />
                <button type="button" data-choose-profile title={et('chooseProfileTitle')} onClick={() => void chooseProfile()}>
                  {et('chooseProfile')}
                </button>
              </span>
            </div>
          ) : null}
          {print && choices.profile === 'custom' && profileNote ? (
            profileNote.ok ? (
              <p className="bm-ex-hint" data-profile-chosen={profileNote.name}>
                {et('profileChosen')}：{profileNote.name}
                {profileNote.description && profileNote.description !== profileNote.name ? `（${profileNote.description}）` : ''}
              </p>
            ) : (
              <p className="bm-ex-failed" role="alert" data-profile-error>
                {et('profileRefused')}：{profileNote.message}
              </p>
            )
          ) : null}
          <label className="bm-ex-row">
            <span>{et('jpegQuality')}</span>
            <input name="jpegQuality" className={field('jpegQuality')} inputMode="numeric" value={choices.jpegQuality} onChange={(e) => set('jpegQuality', e.target.value)} />
          </label>
          <label className="bm-ex-row">
            <span>{et('maxPpi')}</span>
            <input name="maxPpi" className={field('maxPpi')} inputMode="numeric" value={choices.maxPpi} onChange={(e) => set('maxPpi', e.target.value)} />
          </label>
        </fieldset>

        <section className="bm-ex-preflight" data-preflight={after ? 'after' : 'before'} data-errors={errors}>
          <h3>
            {after ? et('preflightAfter') : et('preflightBefore')} <PreflightSummary findings={findings} />
          </h3>
          <div className="bm-ex-findings">
            <PreflightList findings={findings} session={session} onSelect={() => exportDialogOpen.set(false)} />
          </div>
          {errors > 0 ? (
            <label className="bm-ex-check bm-ex-override">
              <input type="checkbox" name="override" data-export-override checked={override} disabled={running} onChange={(e) => setOverride(e.target.checked)} />
              <span>{et('override')}</span>
            </label>
          ) : null}
        </section>

        <ol className="bm-ex-progress" data-export-stage={phase.kind === 'running' ? phase.stage : phase.kind} aria-live="polite">
          {EXPORT_STAGES.map((stage, i) => (
            <li
              key={stage}
              data-stage={stage}
              data-state={i < stageIndex ? 'done' : i === stageIndex ? (phase.kind === 'cancelled' ? 'cancelled' : 'active') : 'pending'}
            >
              {et(`stage_${stage}` as ExportStringKey)}
            </li>
          ))}
          {running ? <li className="bm-ex-elapsed">{(elapsed / 1000).toFixed(1)} {et('seconds')}</li> : null}
        </ol>

        {phase.kind === 'done' ? (
          <p className="bm-ex-result" data-export-written={phase.info.path}>
            {et('written')} {phase.info.path}（{(phase.info.bytes / 1024 / 1024).toFixed(2)} MB，{(phase.info.elapsedMs / 1000).toFixed(1)} {et('seconds')}）
          </p>
        ) : null}
        {phase.kind === 'cancelled' ? (
          <p className="bm-ex-cancelled" role="status" data-export-cancelled>
            {et('cancelled')}
          </p>
        ) : null}
        {phase.kind === 'failed' ? (
          <p className="bm-ex-failed" role="alert" data-export-error={phase.code}>
            {phase.code === 'PREFLIGHT_FAILED' ? et('errorsStop') : phase.message}
          </p>
        ) : null}

        <div className="bm-ex-buttons">
          {running ? (
            <button type="button" data-export-cancel onClick={cancel} disabled={phase.cancelling}>
              {phase.cancelling ? et('cancelling') : et('cancelExport')}
            </button>
          ) : (
            <button type="button" data-export-close onClick={close}>
              {phase.kind === 'done' || phase.kind === 'cancelled' ? et('close') : et('cancel')}
            </button>
          )}
          <button type="submit" data-export-submit disabled={running || !checked.ok || (errors > 0 && !override)}>
            {running ? et('exporting') : et('export')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
