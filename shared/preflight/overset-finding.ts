/**
 * The preflight finding for a block whose text does not fit: an error naming
 * the block's kind and which of its parts is over by how much
 * (`稿件溢出：标题超行 2行`), in English and Chinese.
 */
import type { MeasuredOverset } from '../copyfit/block-fit';
import { describeOverset, oversetChars, oversetParts } from '../copyfit/block-fit';
import type { PreflightFinding } from './finding';

const KIND_ZH: Record<string, string> = { story: '稿件', photo: '图片', label: '栏目标签', teaser: '导读', masthead: '报头' };
const KIND_EN: Record<string, string> = { story: 'story', photo: 'photo', label: 'label', teaser: 'teaser', masthead: 'masthead' };

/**
 * The finding for a block of `kind` with `measured` overset (> 0): a story
 * whose body alone is over keeps the plain wording (`稿件溢出 37 字`);
 * otherwise every part over is listed.
 */
export function oversetFinding(kind: string, measured: MeasuredOverset): Pick<PreflightFinding, 'level' | 'code' | 'message' | 'messageZh'> {
  const chars = oversetChars(measured);
  const parts = oversetParts(measured);
  const zhKind = KIND_ZH[kind] ?? kind;
  const enKind = KIND_EN[kind] ?? kind;
  if (parts.length === 0 || (parts.length === 1 && parts[0]!.part === 'body')) {
    return { level: 'error', code: 'overset', message: `${enKind} is overset by ${chars} characters`, messageZh: `${zhKind}溢出 ${chars} 字` };
  }
  return {
    level: 'error',
    code: 'overset',
    message: `${enKind} is overset: ${parts.map((p) => describeOverset(p, false)).join('; ')}`,
    messageZh: `${zhKind}溢出：${parts.map((p) => describeOverset(p, true)).join('，')}`,
  };
}
