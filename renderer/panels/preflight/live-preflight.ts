/**
 * Preflight of the page being edited: shared/preflight's page checks over
 * the editor's document, with overset (every block, by part) as the live
 * copyfit measured it (the copyfit store, renderer/editor/copyfit-store.ts).
 */
import type { Node } from 'prosemirror-model';
import type { AssetEntry } from '../../../shared/format/manifest';
import type { PreflightFinding, PreflightLimits } from '../../../shared/preflight/finding';
import type { AssetSizes } from '../../../shared/preflight/preflight-page';
import { preflightPage } from '../../../shared/preflight/preflight-page';
import type { PageFit } from '../../editor/copyfit-plugin';
import { language } from '../../i18n/i18n';
import { et } from '../../i18n/export-strings';

/** Pixel sizes of the document's images, by hash. */
export function assetSizes(assets: Iterable<AssetEntry>): AssetSizes {
  return new Map([...assets].map((a) => [a.hash, { pixelWidth: a.pixelWidth, pixelHeight: a.pixelHeight }]));
}

function storyCount(doc: Node): number {
  let n = 0;
  doc.forEach((b) => {
    if (b.type.name === 'story') n++;
  });
  return n;
}

/**
 * Findings for the page, most severe first. Overset comes from `fits`; when
 * the page has stories and nothing was measured yet, overset is reported as
 * not measured rather than as fine.
 */
export function preflightEditedPage(input: { doc: Node; fits: PageFit; assets: AssetSizes; limits?: Partial<PreflightLimits> }): PreflightFinding[] {
  const measured = input.fits.size > 0 || storyCount(input.doc) === 0;
  const overset = measured ? new Map([...input.fits].map(([id, fit]) => [id, { chars: fit.overset, parts: fit.parts }])) : null;
  const findings = preflightPage({ doc: input.doc, page: 1, assets: input.assets, overset, limits: input.limits });
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => rank[a.level] - rank[b.level]);
}

/** The finding's message in the UI language. */
export function findingMessage(f: PreflightFinding): string {
  return language() === 'zh-CN' ? f.messageZh : f.message;
}

function findBlock(doc: Node, id: string): Node | null {
  let found: Node | null = null;
  doc.forEach((b) => {
    if (!found && b.attrs['id'] === id) found = b;
  });
  return found;
}

/**
 * Where the finding is, for a person: the block's columns and line on the
 * grid (1-based, as editors count), and its position in mm from the trim's
 * top-left corner. Empty when the finding has no place.
 */
export function findingLocation(doc: Node | null, f: PreflightFinding): string {
  const parts: string[] = [];
  const zh = language() === 'zh-CN';
  const block = doc && f.blockId ? findBlock(doc, f.blockId) : null;
  if (block) {
    const a = block.attrs as { col: number; line: number; cols: number; lines: number };
    const c1 = a.col + 1;
    const c2 = a.col + a.cols;
    const cols = c1 === c2 ? `${c1}` : `${c1}–${c2}`;
    parts.push(zh ? `第${cols}栏 第${a.line + 1}行` : `${et('column')} ${cols}, ${et('line')} ${a.line + 1}`);
  }
  if (f.xMm !== undefined && f.yMm !== undefined) {
    const size = f.widthMm !== undefined && f.heightMm !== undefined ? `，${f.widthMm.toFixed(1)}×${f.heightMm.toFixed(1)}` : '';
    const at = `${f.xMm.toFixed(1)}, ${f.yMm.toFixed(1)} mm${zh ? size : size.replace('，', ', ')}`;
    parts.push(zh ? `${et('fromTrim')} ${at}` : `${at} ${et('fromTrim')}`);
  }
  return parts.join(zh ? '，' : '; ');
}
