/** A rule block: direction, style (incl. double and 文武线), weight and colour. */
import type { Node } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import { setBlockStyle } from '../../../shared/model/commands/block-style';
import { swatchOptions } from './BoxFields';
import { NumberField, SelectField } from './fields';
import { pt } from './properties-strings';

export function RuleFields({ node, run }: { node: Node; run: (c: Command) => void }) {
  const id = String(node.attrs['id']);
  const set = (attrs: Record<string, unknown>) => run(setBlockStyle(id, attrs));
  const weight = node.attrs['weightPt'] as unknown;
  return (
    <fieldset className="bm-prop-group" data-group="rule">
      <legend>{pt('rule')}</legend>
      <SelectField
        prop="orientation"
        label={pt('orientation')}
        value={node.attrs['orientation'] === 'v' ? 'v' : 'h'}
        options={[
          { value: 'h', label: pt('ruleH') },
          { value: 'v', label: pt('ruleV') },
        ]}
        onChange={(orientation) => set({ orientation })}
      />
      <SelectField
        prop="style"
        label={pt('style')}
        value={String(node.attrs['style'])}
        options={[
          { value: 'solid', label: pt('solid') },
          { value: 'double', label: pt('frameDouble') },
          { value: 'thick-thin', label: pt('frameThickThin') },
          { value: 'thin-thick', label: pt('frameThinThick') },
          { value: 'dashed', label: pt('frameDashed') },
          { value: 'dotted', label: pt('dotted') },
        ]}
        onChange={(style) => set({ style })}
      />
      <NumberField prop="weightPt" label={pt('weight')} unit={pt('pt')} value={typeof weight === 'number' ? weight : 0.5} min={0.1} max={12} step={0.25} onCommit={(weightPt) => set({ weightPt })} />
      <SelectField prop="swatch" label={pt('color')} value={String(node.attrs['swatch'])} options={swatchOptions()} onChange={(swatch) => set({ swatch })} />
    </fieldset>
  );
}
