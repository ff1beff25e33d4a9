/**
 * Font stacks. Only the faces bundled with the app are named, never a system
 * font or a generic family: the screen and the PDF must use the same glyphs.
 */
import type { FaceName } from '../../shared/model/schema';

export const SONG = "'Noto Serif SC'";
export const HEI = "'Noto Sans SC'";
// WenKai lacks a few rare characters; the serif covers them.
export const KAI = "'LXGW WenKai', 'Noto Serif SC'";

/** The CSS font-family for a face name; unknown names fall back to 宋 (body). */
export function faceFamily(face: string): string {
  switch (face as FaceName) {
    case 'hei':
      return HEI;
    case 'kai':
    case 'fangsong': // No bundled 仿宋 yet: 楷 is the closest bundled face.
      return KAI;
    case 'song':
    default:
      return SONG;
  }
}
