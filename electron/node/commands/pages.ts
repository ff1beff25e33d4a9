/**
 * `banmian pages FILE [--json]`: the edition's pages in order, each with its
 * folio, section, status, its stories, its 转版 jumps and its 导读 items.
 * `banmian pages FILE --move FROM TO`: moves page FROM to position TO exactly
 * as dragging it in the page plan does (`movePage`: renumbering every folio
 * and updating every reference in one transform), saved atomically through
 * the storage save path (previous version kept as `FILE~`).
 */
import { parseArgs } from 'node:util';
import type { Node } from 'prosemirror-model';
import { editionPages, pageMeta, PAGE_STATUS_LABELS } from '../../../shared/edition/edition-doc';
import { folioName } from '../../../shared/edition/folio';
import { movePage } from '../../../shared/edition/page-moves';
import { pageCount } from '../../../shared/edition/page-scope';
import { jumpChains, locateBlocks, storyHeadline, teaserReferences } from '../../../shared/edition/references';
import { readBanmianFile, writeBanmianFile } from '../storage';
import { contentOfEdition, editionOfFile } from '../storage/edition-file';
import type { CliCommand } from './command';

const USAGE = 'usage: banmian pages FILE.banmian [--json]\n       banmian pages FILE.banmian --move FROM TO\n';

/** One page of `banmian pages --json`. */
export interface PageListing {
  folio: number;
  section: string;
  status: string;
  editor: string;
  colour: string;
  /** Stories placed on the page (continuations included), in document order. */
  stories: { id: string; headline: string }[];
  /** Parts on this page that continue elsewhere: the chain's story and the page it continues on. */
  jumps: { story: string; to: number }[];
  /** 导读 items on this page: the story they point at, its headline, the page it is on (null: nowhere), the item's own text. */
  teasers: { story: string; headline: string; page: number | null; text: string }[];
}

/** The listing of an edition, page by page. */
export function listPages(edition: Node): PageListing[] {
  const blocks = locateBlocks(edition);
  const chains = jumpChains(edition, blocks);
  const teasers = teaserReferences(edition, blocks);
  return editionPages(edition).map((page, i) => {
    const folio = i + 1;
    const meta = pageMeta(page);
    const stories: PageListing['stories'] = [];
    page.forEach((block) => {
      if (block.type.name === 'story') stories.push({ id: String(block.attrs['id']), headline: storyHeadline(block) });
    });
    return {
      folio,
      section: meta.section,
      status: meta.status,
      editor: meta.editor,
      colour: meta.colour,
      stories,
      jumps: chains.parts.filter((p) => p.folio === folio && p.to !== null).map((p) => ({ story: p.story, to: p.to! })),
      teasers: teasers.filter((t) => t.folio === folio).map((t) => ({ story: t.story, headline: t.headline, page: t.page, text: t.text })),
    };
  });
}

function printText(pages: PageListing[]): string {
  const lines: string[] = [];
  for (const p of pages) {
    const status = PAGE_STATUS_LABELS[p.status as keyof typeof PAGE_STATUS_LABELS]?.zh ?? p.status;
    lines.push([folioName(p.folio), p.section || '—', status, p.editor ? `责任编辑 ${p.editor}` : '', p.colour === 'mono' ? '黑白' : '彩色'].filter((s) => s !== '').join('  '));
    for (const s of p.stories) lines.push(`  ${s.id}  ${s.headline}`);
    for (const j of p.jumps) lines.push(`  转版 ${j.story} → ${folioName(j.to)}`);
    for (const t of p.teasers) lines.push(`  导读 “${t.text}” ${t.story || '(未关联)'} ${t.headline} → ${t.page === null ? '(不在版面上)' : `详见${folioName(t.page)}`}`);
  }
  return `${lines.join('\n')}\n`;
}

function pageNumber(value: string, name: string): number {
  if (!/^[0-9]{1,3}$/.test(value)) throw new Error(`${name} must be a page number, not "${value}"`);
  return Number(value);
}

export const pagesCommand: CliCommand = {
  summary: 'list the pages of an edition (--json), or move one (--move FROM TO)',
  async run(argv) {
    let file: string;
    let json: boolean;
    let move: [number, number] | null = null;
    try {
      const { positionals, values } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { json: { type: 'boolean' }, move: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
      if (values.help) {
        process.stdout.write(USAGE);
        return 0;
      }
      if (values.move) {
        if (positionals.length !== 3) throw new Error('--move takes FILE FROM TO');
        move = [pageNumber(positionals[1]!, 'FROM'), pageNumber(positionals[2]!, 'TO')];
      } else if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'no file given' : 'one file at a time');
      file = positionals[0]!;
      json = Boolean(values.json);
    } catch (e) {
      process.stderr.write(`banmian pages: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    const loaded = await readBanmianFile(file);
    if (!loaded.ok) {
      process.stderr.write(`banmian pages: ${file}: ${loaded.error.message}\n`);
      return 1;
    }
    const edition = editionOfFile(loaded.value);
    if (!edition.ok) {
      process.stderr.write(`banmian pages: ${file}: ${edition.error.message}\n`);
      return 1;
    }
    let doc = edition.value;
    if (move) {
      const [from, to] = move;
      const count = pageCount(doc);
      if (from < 1 || to < 1 || from > count || to > count) {
        process.stderr.write(`banmian pages: ${file} has ${count} page(s); cannot move ${from} to ${to}\n`);
        return 1;
      }
      doc = movePage(doc, from, to).doc;
      const written = await writeBanmianFile(file, contentOfEdition(doc, loaded.value.assets));
      if (!written.ok) {
        process.stderr.write(`banmian pages: ${file}: ${written.error.message}\n`);
        return 1;
      }
      if (!json) process.stdout.write(`moved ${folioName(from)} to ${folioName(to)} in ${file}\n`);
    }
    const pages = listPages(doc);
    process.stdout.write(json ? `${JSON.stringify({ pages })}\n` : printText(pages));
    return 0;
  },
};
