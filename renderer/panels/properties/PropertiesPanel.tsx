/**
 * 属性: the properties of the block the editor works on (the selected block,
 * or the story holding the caret): box, tint and column rules of a story or
 * teaser, its head's setting and type, a rule's style. Every change is one
 * command, one transaction and one undo step; the panel keeps no copy of the
 * document and re-reads the view when it changes.
 */
import { memo, useSyncExternalStore } from 'react';
import type { Command } from 'prosemirror-state';
import type { EditorSession } from '../../editor/editor-session';
import { language, subscribeLanguage } from '../../i18n/i18n';
import { BoxFields } from './BoxFields';
import { HeadFields } from './HeadFields';
import { propertiesTarget } from './properties-target';
import { usePageValue } from '../use-page-value';
import { propertiesShown } from '../panel-shown';
import { pt } from './properties-strings';
import { RuleFields } from './RuleFields';
import './properties.css';

export const PropertiesPanel = memo(function PropertiesPanel({ session }: { session: EditorSession }) {
  useSyncExternalStore(subscribeLanguage, language);
  usePageValue(session, (v) => propertiesShown(v.state), { selection: true });
  const view = session.view;
  const target = propertiesTarget(view.state);
  const run = (command: Command) => {
    command(view.state, view.dispatch, view);
  };
  if (!target || !['story', 'teaser', 'rule'].includes(target.node.type.name)) {
    return (
      <section className="bm-properties" data-target="">
        <h2>{pt('panel')}</h2>
        <p className="bm-prop-empty">{pt('none')}</p>
      </section>
    );
  }
  const { node } = target;
  const kind = node.type.name as 'story' | 'teaser' | 'rule';
  return (
    <section className="bm-properties" data-target={String(node.attrs['id'])} data-kind={kind}>
      <h2>
        {pt('panel')} · {pt(kind)} <span className="bm-prop-id">{String(node.attrs['id'])}</span>
      </h2>
      {kind === 'rule' ? <RuleFields node={node} run={run} /> : <BoxFields node={node} run={run} />}
      {kind === 'story' && <HeadFields story={node} view={view} run={run} />}
    </section>
  );
});
