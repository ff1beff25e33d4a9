/**
 * Blocks for the story bin from JSON the host sent (an import): each checked
 * against the stored-page bounds, the schema and the bin's kinds before it
 * may enter the document. Returns data, never throws.
 */
import type { Node } from 'prosemirror-model';
import { jsonDepth, MAX_CHILDREN, MAX_JSON_DEPTH, nodeJsonSchema } from './page-json';
import { isBinKind, schema } from './schema';

export type BinNodesResult = { ok: true; nodes: Node[] } | { ok: false; message: string };

export function binNodesFromJson(blocks: readonly unknown[]): BinNodesResult {
  if (blocks.length > MAX_CHILDREN) return { ok: false, message: `too many blocks (${blocks.length}; at most ${MAX_CHILDREN})` };
  const nodes: Node[] = [];
  for (const [i, json] of blocks.entries()) {
    if (jsonDepth(json) > MAX_JSON_DEPTH) return { ok: false, message: `block ${i + 1} is nested too deeply` };
    const parsed = nodeJsonSchema.safeParse(json);
    if (!parsed.success) return { ok: false, message: `block ${i + 1} is not a node: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    if (!isBinKind(parsed.data.type)) return { ok: false, message: `block ${i + 1} is a ${parsed.data.type}, which the story bin does not hold` };
    try {
      const node = schema.nodeFromJSON(parsed.data);
      node.check();
      nodes.push(node);
    } catch (e) {
      return { ok: false, message: `block ${i + 1} is not valid: ${(e as Error).message}` };
    }
  }
  return { ok: true, nodes };
}
