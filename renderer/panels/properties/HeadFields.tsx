/**
 * 标题: the head group's setting (横排/竖排, side, columns spanned, 通栏)
 * and, per line (引题/主题/副题), face, size in 号 or pt, weight,
 * alignment, 长扁 scaling and the lines it takes.
 */
import { closeHistory } from 'prosemirror-history';
import type { Node } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { isFullWidthHead, setFullWidthHead, setStoryPartStyle } from '../../../shared/model/commands/block-style';
import { addHeadLine, hasHeadLine, removeHeadLine } from '../../../shared/model/commands/head-lines';
import type { OptionalHeadLine } from '../../../shared/model/commands/head-lines';
import type { StoryPart } from '../../../shared/model/commands/block-style';
import { resolveType } from '../../../shared/model/styles';
import type { PageSettings } from '../../../shared/page/settings';
import { HAO_SIZES } from '../../../shared/page/units';
import { NumberField, SelectField } from './fields';
import { pt } from './properties-strings';
import { activeScope } from '../../../shared/edition/page-scope';

const LINES: readonly ('kicker' | 'headline' | 'subheadline')[] = ['kicker', 'headline', 'subheadline'];

const HAO_OPTIONS = Object.entries(HAO_SIZES)
  .filter(([, size]) => size >= 9)
  .map(([name, size]) => ({ value: size, label: `${name}（${size}）` }));

function numAttr(node: Node, name: string, fallback: number): number {
  const v = node.attrs[name] as unknown;
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** 添加引题 / 添加副题: a head line the story does not have yet. */
function AddLineButton({ part, onAdd }: { part: OptionalHeadLine; onAdd: () => void }) {
  return (
    <div className="bm-prop-field">
      <span className="bm-prop-label" />
      <button type="button" data-prop={`${part}.add`} title={pt(part === 'kicker' ? 'addKickerTitle' : 'addSubheadlineTitle')} onClick={onAdd}>
        {pt(part === 'kicker' ? 'addKicker' : 'addSubheadline')}
      </button>
    </div>
  );
}

function HeadLineFields({
  id,
  part,
  node,
  settings,
  run,
  onRemove,
}: {
  id: string;
  part: StoryPart;
  node: Node;
  settings: PageSettings;
  run: (c: Command) => void;
  /** 删除引题 / 删除副题: only for the optional lines. */
  onRemove?: () => void;
}) {
  const set = (attrs: Record<string, unknown>) => run(setStoryPartStyle(id, part, attrs));
  // What the line is set in: its paragraph style, then its own overrides (null = from the style).
  const type = resolveType(node, settings);
  const size = type.sizePt;
  const p = (name: string) => `${part}.${name}`;
  return (
    <fieldset className="bm-prop-group bm-prop-sub" data-group={part}>
      <legend>{pt(part as 'kicker')}</legend>
      <SelectField
        prop={p('face')}
        label={pt('face')}
        value={type.face}
        options={(['song', 'hei', 'kai', 'fangsong'] as const).map((f) => ({ value: f, label: pt(f) }))}
        onChange={(face) => set({ face })}
      />
      <SelectField prop={p('hao')} label={pt('size')} value={size} options={HAO_OPTIONS} onChange={(sizePt) => set({ sizePt })} />
      <NumberField prop={p('sizePt')} label="" unit={pt('pt')} value={size} min={5} max={200} step={0.5} onCommit={(sizePt) => set({ sizePt })} />
      <SelectField
        prop={p('weight')}
        label={pt('fontWeight')}
        value={type.weight}
        options={([400, 500, 700, 900] as const).map((w) => ({ value: w, label: pt(`w${w}`) }))}
        onChange={(weight) => set({ weight })}
      />
      <SelectField
        prop={p('align')}
        label={pt('align')}
        value={type.align}
        options={(['start', 'center', 'end', 'justify'] as const).map((a) => ({ value: a, label: pt(a) }))}
        onChange={(align) => set({ align })}
      />
      <NumberField prop={p('scaleX')} label={pt('scaleX')} unit="%" value={type.scaleX} min={50} max={200} step={5} whole onCommit={(scaleX) => set({ scaleX })} />
      <NumberField prop={p('lines')} label={pt('lines')} value={numAttr(node, 'lines', 2)} min={1} max={40} whole onCommit={(lines) => set({ lines })} />
      {onRemove && (
        <div className="bm-prop-field">
          <span className="bm-prop-label" />
          <button type="button" data-prop={p('remove')} onClick={onRemove}>
            {pt(part === 'kicker' ? 'removeKicker' : 'removeSubheadline')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

export function HeadFields({ story, view, run }: { story: Node; view: EditorView; run: (c: Command) => void }) {
  const id = String(story.attrs['id']);
  const head = story.firstChild?.type.name === 'headgroup' ? story.firstChild : null;
  if (!head) return null;
  const cols = numAttr(story, 'cols', 1);
  const vertical = head.attrs['vertical'] === true;
  const span = head.attrs['cols'] as number | null;
  const setHead = (attrs: Record<string, unknown>) => run(setStoryPartStyle(id, 'headgroup', attrs));
  const spanOptions = [
    ...(vertical ? [] : [{ value: 0, label: pt('spanAll') }]),
    ...Array.from({ length: Math.max(0, vertical ? cols - 1 : cols - 1) }, (_, i) => ({ value: i + 1, label: String(i + 1) })),
  ];
  const spanValue = span === null || span >= cols ? (vertical ? 1 : 0) : span;
  const has = (part: OptionalHeadLine) => hasHeadLine(view.state.doc, id, part);
  // The new line is empty and holds the caret: back to the page to type it.
  // Its words are the next undo step, not merged into adding the line.
  const addLine = (part: OptionalHeadLine) => {
    run(addHeadLine(id, part));
    view.dispatch(closeHistory(view.state.tr));
    view.focus();
  };
  return (
    <fieldset className="bm-prop-group" data-group="head">
      <legend>{pt('head')}</legend>
      <SelectField
        prop="headgroup.vertical"
        label={pt('layout')}
        value={vertical ? 'v' : 'h'}
        options={[
          { value: 'h', label: pt('horizontal') },
          { value: 'v', label: pt('vertical') },
        ]}
        // A vertical head takes one column unless it was given fewer than all.
        onChange={(v) => setHead(v === 'v' ? { vertical: true, cols: span !== null && span < cols ? span : 1 } : { vertical: false })}
      />
      {vertical && (
        <SelectField
          prop="headgroup.side"
          label={pt('side')}
          value={head.attrs['side'] === 'left' ? 'left' : 'right'}
          options={[
            { value: 'right', label: pt('right') },
            { value: 'left', label: pt('left') },
          ]}
          onChange={(side) => setHead({ side })}
        />
      )}
      <SelectField prop="headgroup.cols" label={pt('span')} value={spanValue} options={spanOptions} onChange={(c) => setHead({ cols: c === 0 ? null : c })} />
      <div className="bm-prop-field">
        <span className="bm-prop-label" />
        <button
          type="button"
          data-prop="fullWidth"
          title={pt('fullWidthTitle')}
          aria-pressed={isFullWidthHead(view.state.doc, id)}
          onClick={() => run(setFullWidthHead(id))}
        >
          {pt('fullWidth')}
        </button>
      </div>
      {!has('kicker') && <AddLineButton part="kicker" onAdd={() => addLine('kicker')} />}
      {head.content.content
        .filter((line) => (LINES as readonly string[]).includes(line.type.name))
        .map((line) => {
          const part = line.type.name as StoryPart;
          const optional = part === 'kicker' || part === 'subheadline';
          return (
            <HeadLineFields
              key={part}
              id={id}
              part={part}
              node={line}
              settings={activeScope(view.state).page.attrs['settings'] as PageSettings}
              run={run}
              {...(optional ? { onRemove: () => run(removeHeadLine(id, part)) } : {})}
            />
          );
        })}
      {!has('subheadline') && <AddLineButton part="subheadline" onAdd={() => addLine('subheadline')} />}
    </fieldset>
  );
}
