/**
 * Which image assets a document still uses: the `asset` attribute of its
 * photo nodes. Assets nothing refers to are not written on save.
 */

interface JsonNode {
  type?: unknown;
  attrs?: { asset?: unknown; id?: unknown };
  content?: unknown;
}

/** A photo's reference to an asset, with the block id for messages. */
export interface AssetReference {
  hash: string;
  blockId: string;
}

/** Every asset reference of the pages' JSON, in document order. */
export function assetReferences(pages: readonly unknown[]): AssetReference[] {
  const found: AssetReference[] = [];
  // An explicit stack: page JSON is validated for depth, but this runs on it too.
  const stack: unknown[] = [...pages].reverse();
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    const node = value as JsonNode;
    if (node.type === 'photo' && typeof node.attrs?.asset === 'string' && node.attrs.asset !== '') {
      found.push({ hash: node.attrs.asset, blockId: typeof node.attrs.id === 'string' ? node.attrs.id : '' });
    }
    if (Array.isArray(node.content)) {
      for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
    }
  }
  return found;
}

/** The distinct asset hashes the pages refer to. */
export function referencedAssetHashes(pages: readonly unknown[]): Set<string> {
  return new Set(assetReferences(pages).map((r) => r.hash));
}
