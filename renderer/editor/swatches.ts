/** Named swatches of the page (screen RGB; separations come with the PDF work). */
const SWATCHES: Record<string, string> = {
  black: '#000000',
  red: '#e60012',
  blue: '#005bac',
  gray: '#808080',
  white: '#ffffff',
};

/** The CSS colour of a swatch name; unknown names print black rather than vanish. */
export function swatchColor(name: string): string {
  return SWATCHES[name] ?? '#000000';
}
