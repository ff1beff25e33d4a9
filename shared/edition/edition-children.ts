/**
 * An edition as JSON across the host boundary and in storage: its children
 * in order, the pages and then, when it holds anything, its story bin
 * (`edition > page+ bin?`; docs/decisions/0031-edition-story-bin.md). Every
 * `pages` array the host, the journal and storage exchange is such a list,
 * so a bin travels with its pages wherever they go and code that reads the
 * pages alone splits it off here.
 */
import type { Node } from 'prosemirror-model';
import { binNodesFromJson } from '../model/bin-json';
import { findBin } from '../model/bin';
import { pageToJson } from '../model/load-page';
import { schema } from '../model/schema';
import { forEachPage, isEdition } from './page-scope';

/** Whether a JSON value is a story bin node (`{ "type": "bin", … }`). */
export function isBinJson(json: unknown): boolean {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && (json as Record<string, unknown>)['type'] === 'bin';
}

/** An edition's children JSON split into its pages and its bin (null when there is none). */
export interface SplitChildren {
  pages: unknown[];
  bin: unknown;
}

/** Splits the trailing story bin off an edition's children JSON. */
export function splitEditionJson(children: readonly unknown[]): SplitChildren {
  const last = children.at(-1);
  if (children.length > 0 && isBinJson(last)) return { pages: children.slice(0, -1), bin: last };
  return { pages: [...children], bin: null };
}

/** The items of a bin JSON (none for null or a bin without content). */
export function binItemsJson(bin: unknown): unknown[] {
  if (!isBinJson(bin)) return [];
  const content = (bin as Record<string, unknown>)['content'];
  return Array.isArray(content) ? content : [];
}

/** Pages then a bin holding `items` when there are any: an edition's children JSON. */
export function joinEditionJson(pages: readonly unknown[], items: readonly unknown[]): unknown[] {
  return items.length > 0 ? [...pages, { type: 'bin', content: [...items] }] : [...pages];
}

/**
 * An edition's children as stored: each page's canonical JSON, then the bin
 * when it holds anything (an empty bin, which the editor always has, is
 * not stored). A page document is its one page.
 */
export function editionChildrenJson(doc: Node): unknown[] {
  if (!isEdition(doc)) return [pageToJson(doc)];
  const pages: unknown[] = [];
  forEachPage(doc, (page) => pages.push(pageToJson(page)));
  const bin = findBin(doc);
  return bin && bin.node.childCount > 0 ? [...pages, bin.node.toJSON()] : pages;
}

/** The pages' JSON of an edition, without its bin (what is printed, thumbnailed, counted). */
export function editionPagesJson(doc: Node): unknown[] {
  return splitEditionJson(editionChildrenJson(doc)).pages;
}

/** A bin node from untrusted JSON (each item checked: bounds, schema, the kinds a bin holds), or why not. */
export function binFromJson(json: unknown): { ok: true; bin: Node } | { ok: false; message: string } {
  if (!isBinJson(json)) return { ok: false, message: 'the story bin is not a bin node' };
  const keys = Object.keys(json as object).filter((k) => k !== 'type' && k !== 'content');
  if (keys.length > 0) return { ok: false, message: `the story bin has an unknown field ${JSON.stringify(keys[0])}` };
  const content = (json as Record<string, unknown>)['content'];
  if (content !== undefined && !Array.isArray(content)) return { ok: false, message: 'the story bin\'s content is not a list' };
  const nodes = binNodesFromJson(binItemsJson(json));
  if (!nodes.ok) return { ok: false, message: `the story bin: ${nodes.message}` };
  const seen = new Set<string>();
  for (const node of nodes.nodes) {
    const id = String(node.attrs['id'] ?? '');
    if (id === '') return { ok: false, message: `the story bin holds a ${node.type.name} without an id` };
    if (seen.has(id)) return { ok: false, message: `the story bin holds block id "${id}" twice` };
    seen.add(id);
  }
  return { ok: true, bin: schema.nodes['bin']!.create(null, nodes.nodes) };
}
