/**
 * Preflight of an edition's references by id: a 导读 item whose story was
 * deleted, sent back to the bin, or is not a story is an error naming the
 * item (its 详见第N版 would be wrong or empty in print); a 转版 continuation
 * whose part before it cannot be followed is an error too (its jump lines
 * cannot be set). An item never bound to a story is a warning: its page
 * number is whatever was typed.
 */
import type { Node } from 'prosemirror-model';
import { jumpChains, locateBlocks, teaserReferences } from '../edition/references';
import type { TeaserReference } from '../edition/references';
import type { PreflightFinding } from './finding';

function itemName(ref: TeaserReference): { en: string; zh: string } {
  const title = ref.text.trim() === '' ? '' : ` “${ref.text.trim()}”`;
  return { en: `导读 item ${ref.index + 1}${title} of "${ref.teaserId}"`, zh: `导读“${ref.teaserId}”第${ref.index + 1}条${title}` };
}

/** Findings about the references of `edition` (an `edition` node). */
export function preflightEditionReferences(edition: Node): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const blocks = locateBlocks(edition);
  for (const ref of teaserReferences(edition, blocks)) {
    const name = itemName(ref);
    const base = { page: ref.folio, blockId: ref.teaserId, code: 'teaser-reference' as const };
    if (ref.state === 'missing') {
      findings.push({ ...base, level: 'error', message: `${name.en} points at story "${ref.story}", which is not in the edition (deleted)`, messageZh: `${name.zh}所指稿件“${ref.story}”已删除` });
    } else if (ref.state === 'binned') {
      findings.push({ ...base, level: 'error', message: `${name.en} points at story "${ref.story}", which is in the story bin, not on a page`, messageZh: `${name.zh}所指稿件“${ref.story}”在稿件库中，未上版` });
    } else if (ref.state === 'not-a-story') {
      findings.push({ ...base, level: 'error', message: `${name.en} points at "${ref.story}", which is not a story`, messageZh: `${name.zh}所指“${ref.story}”不是稿件` });
    } else if (ref.state === 'unbound') {
      findings.push({ ...base, level: 'warning', message: `${name.en} is not bound to a story; its page number is typed`, messageZh: `${name.zh}未关联稿件，版次为手填` });
    }
  }
  const place = (id: string) => blocks.get(id)?.folio ?? 1;
  for (const b of jumpChains(edition, blocks).broken) {
    const why = { missing: 'is not in the edition', 'not-a-story': 'is not a story', unplaced: 'is not on a page', cycle: 'leads round in a circle', branch: 'is already continued by another block' }[b.reason];
    const whyZh = { missing: '不存在', 'not-a-story': '不是稿件', unplaced: '未上版', cycle: '转版成环', branch: '已有另一处续文' }[b.reason];
    findings.push({
      page: place(b.blockId),
      blockId: b.blockId,
      code: 'jump-reference',
      level: 'error',
      message: `continuation "${b.blockId}" continues "${b.continues}", which ${why}`,
      messageZh: `转版续文“${b.blockId}”所接“${b.continues}”${whyZh}`,
    });
  }
  return findings;
}
