/**
 * The copyfit table: one row per story, from the document (characters, lines
 * available) and the editor's live copyfit measurement (overset characters
 * of the body, empty lines, parts over). Lines needed is exact when the body
 * fits or runs short, and an estimate (overset characters over characters
 * per line) when it is overset. A story whose body fits but whose head,
 * byline or crosshead does not is overset too, and says which part.
 */
import type { Node } from 'prosemirror-model';
import { gridMetrics, spanChars } from '../../../shared/page/geometry';
import type { PageSettings } from '../../../shared/page/settings';
import type { PartOverset } from '../../../shared/copyfit/block-fit';
import { describeOverset } from '../../../shared/copyfit/block-fit';
import { language } from '../../i18n/i18n';
import { storyArea } from '../../../shared/layout/story-box';

export type FitStatus = 'overset' | 'underset' | 'fit' | 'unmeasured';

export interface CopyfitRow {
  id: string;
  /** The headline, else the start of the body, else the id. */
  name: string;
  /** Characters (code points) of the body. */
  chars: number;
  /** Body lines the text takes (≈ when overset). */
  linesNeeded: number | null;
  /** Body lines the story's box offers, over all its text columns. */
  linesAvailable: number;
  overset: number;
  undersetLines: number;
  status: FitStatus;
  /** When the body fits but another part of the story does not: which, in words (标题超行 1行). */
  partOver: string | null;
}

function textOf(node: Node, type: string): string {
  let text = '';
  node.descendants((child) => {
    if (child.type.name === type) {
      text += child.textContent;
      return false;
    }
    return true;
  });
  return text;
}

/** Characters on one line of a text column of a story `cols` grid columns wide set in `textCols` columns. */
export function charsPerLine(settings: PageSettings, cols: number, textCols: number): number {
  const { grid } = settings;
  const total = spanChars(grid, cols);
  return Math.max(1, Math.floor((total - (textCols - 1) * grid.gutterChars) / textCols));
}

/** What the rows read of a block's fit: its overset, its empty lines and, when measured by part, the parts over. */
export interface RowFit {
  overset: number;
  undersetLines: number;
  parts?: readonly PartOverset[];
}

/** Overset characters of the body alone (the whole overset when the fit has no parts). */
function bodyOverset(fit: RowFit): number {
  return fit.parts ? (fit.parts.find((p) => p.part === 'body')?.chars ?? 0) : fit.overset;
}

export function copyfitRows(doc: Node, fits: ReadonlyMap<string, RowFit>): CopyfitRow[] {
  const settings = doc.attrs['settings'] as PageSettings;
  const rows: CopyfitRow[] = [];
  doc.forEach((node) => {
    if (node.type.name !== 'story') return;
    const id = String(node.attrs['id']);
    const cols = Number(node.attrs['cols']);
    // Boxes and vertical heads take their room first (shared/layout/story-box.ts).
    const area = storyArea(gridMetrics(settings), settings.grid, node);
    const textCols = area.columns.count;
    const linesAvailable = area.bodyLines * area.bodyColumns;
    const body = textOf(node, 'body');
    const chars = Array.from(body).length;
    const headline = textOf(node, 'headline').trim();
    const name = headline || (body.trim() ? `${Array.from(body.trim()).slice(0, 12).join('')}…` : id);
    const fit = fits.get(id);
    let status: FitStatus = 'unmeasured';
    let linesNeeded: number | null = null;
    let partOver: string | null = null;
    if (fit) {
      const firstPart = fit.parts?.find((p) => p.part !== 'body');
      if (bodyOverset(fit) === 0 && fit.overset > 0 && firstPart) partOver = describeOverset(firstPart, language() === 'zh-CN');
      if (bodyOverset(fit) > 0) {
        status = 'overset';
        linesNeeded = linesAvailable + Math.ceil(bodyOverset(fit) / Math.max(1, area.columns.columnChars || charsPerLine(settings, cols, textCols)));
      } else {
        // The body's lines are exact; a head over its own lines still makes the story overset.
        status = fit.overset > 0 ? 'overset' : fit.undersetLines > 0 ? 'underset' : 'fit';
        linesNeeded = linesAvailable - fit.undersetLines;
      }
    }
    rows.push({
      id,
      name,
      chars,
      linesNeeded,
      linesAvailable,
      overset: fit ? bodyOverset(fit) : 0,
      undersetLines: fit?.undersetLines ?? 0,
      status,
      partOver,
    });
  });
  return rows;
}
