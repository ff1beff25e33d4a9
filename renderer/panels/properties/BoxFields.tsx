/** 边框 / 底纹 / 栏线 of a story or teaser. */
import type { Node } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import { frameStyleOf, tintOf } from '../../../shared/layout/story-box';
import type { FrameStyle } from '../../../shared/layout/story-box';
import { setBlockStyle } from '../../../shared/model/commands/block-style';
import { language } from '../../i18n/i18n';
import { inkSwatches } from '../../editor/swatches';
import { NumberField, SelectField } from './fields';
import type { Option } from './fields';
import { pt } from './properties-strings';

const FRAMES: readonly [FrameStyle, Parameters<typeof pt>[0]][] = [
  ['none', 'frameNone'],
  ['single', 'frameSingle'],
  ['double', 'frameDouble'],
  ['thick-thin', 'frameThickThin'],
  ['thin-thick', 'frameThinThick'],
  ['dashed', 'frameDashed'],
  ['dots', 'frameDots'],
  ['wave', 'frameWave'],
];

export function swatchOptions(): Option<string>[] {
  return inkSwatches().map((s) => ({ value: s.name, label: language() === 'zh-CN' ? s.label.zh : s.label.en }));
}

function numAttr(node: Node, name: string, fallback: number): number {
  const v = node.attrs[name] as unknown;
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function BoxFields({ node, run }: { node: Node; run: (command: Command) => void }) {
  const id = String(node.attrs['id']);
  const set = (attrs: Record<string, unknown>) => run(setBlockStyle(id, attrs));
  const frame = frameStyleOf(node);
  const swatches = swatchOptions();
  const isStory = node.type.name === 'story';
  const rule = numAttr(node, 'columnRulePt', 0);
  return (
    <fieldset className="bm-prop-group" data-group="box">
      <legend>{pt('box')}</legend>
      <SelectField prop="frame" label={pt('frame')} value={frame} options={FRAMES.map(([value, key]) => ({ value, label: pt(key) }))} onChange={(frame) => set({ frame })} />
      {frame !== 'none' && (
        <>
          <NumberField prop="frameWeightPt" label={pt('weight')} unit={pt('pt')} value={numAttr(node, 'frameWeightPt', 1)} min={0.25} max={8} step={0.25} onCommit={(frameWeightPt) => set({ frameWeightPt })} />
          <SelectField prop="frameSwatch" label={pt('color')} value={String(node.attrs['frameSwatch'])} options={swatches} onChange={(frameSwatch) => set({ frameSwatch })} />
        </>
      )}
      <SelectField prop="tintSwatch" label={pt('tint')} value={String(node.attrs['tintSwatch'])} options={swatches} onChange={(tintSwatch) => set({ tintSwatch })} />
      <NumberField prop="tint" label={pt('tintPercent')} unit="%" value={tintOf(node)} min={0} max={100} step={5} whole onCommit={(tint) => set({ tint })} />
      <SelectField
        prop="frameInset"
        label={pt('inset')}
        value={numAttr(node, 'frameInset', 1)}
        options={[0, 1, 2, 3, 4].map((v) => ({ value: v, label: `${v} ${pt('insetUnit')}` }))}
        onChange={(frameInset) => set({ frameInset })}
      />
      {isStory && (
        <label className="bm-prop-field">
          <span className="bm-prop-label">{pt('columnRule')}</span>
          <input data-prop="columnRule" type="checkbox" checked={rule > 0} onChange={(e) => set({ columnRulePt: e.target.checked ? 0.5 : 0 })} />
        </label>
      )}
      {isStory && rule > 0 && (
        <NumberField prop="columnRulePt" label={pt('weight')} unit={pt('pt')} value={rule} min={0.1} max={4} step={0.25} onCommit={(columnRulePt) => set({ columnRulePt })} />
      )}
    </fieldset>
  );
}
