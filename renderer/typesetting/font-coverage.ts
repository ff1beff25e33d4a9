/**
 * Which text a web font that has just loaded can change: the characters of
 * its `unicode-range`. The bundled faces are split into subsets by range and
 * load lazily as text needs them (typing a new character loads its subset),
 * so a `loadingdone` event moves only the lines holding one of those
 * characters; the line-end pass starts those paragraphs over and keeps the
 * rest (typeset-pipeline.ts).
 */

/** Code point intervals, inclusive. */
type Ranges = readonly (readonly [number, number])[];

/**
 * A CSS `unicode-range` value (`U+4E00-4E9F, U+20AC, U+30??`) as code point
 * intervals; null when it cannot be read (then it may cover anything).
 */
export function parseUnicodeRange(value: string): Ranges | null {
  const out: [number, number][] = [];
  for (const raw of value.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const m = /^[Uu]\+([0-9A-Fa-f?]{1,6})(?:-([0-9A-Fa-f]{1,6}))?$/.exec(part);
    if (!m) return null;
    const [, from, to] = m;
    if (from!.includes('?')) {
      if (to !== undefined) return null;
      out.push([parseInt(from!.replace(/\?/g, '0'), 16), parseInt(from!.replace(/\?/g, 'F'), 16)]);
    } else {
      out.push([parseInt(from!, 16), to === undefined ? parseInt(from!, 16) : parseInt(to, 16)]);
    }
  }
  return out.length > 0 ? out : null;
}

/**
 * A test for "this text holds a character one of `faces` covers", or null
 * when the faces may cover anything (no face given, or a range not read):
 * then every text counts as changed.
 */
export function coverageOf(faces: readonly { unicodeRange: string }[]): ((text: string) => boolean) | null {
  if (faces.length === 0) return null;
  const ranges: (readonly [number, number])[] = [];
  for (const face of faces) {
    const r = parseUnicodeRange(face.unicodeRange);
    if (!r) return null;
    ranges.push(...r);
  }
  return (text) => {
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (ranges.some(([lo, hi]) => c >= lo && c <= hi)) return true;
    }
    return false;
  };
}
