/**
 * Suggested paths for web mode's path prompts: the current document's folder
 * and name, with `.banmian` for saving and `.pdf` for export.
 */

function splitPath(path: string): { dir: string; base: string } {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? { dir: '', base: path } : { dir: path.slice(0, i + 1), base: path.slice(i + 1) };
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Where Save suggests writing: the document's own path, else its name. */
export function defaultSavePath(path: string | null, name: string): string {
  if (path) return path;
  const base = stem(name.trim()) || 'untitled';
  return `${base}.banmian`;
}

/** Where Export suggests writing: next to the document, same name, `.pdf`. */
export function defaultExportPath(path: string | null, name: string): string {
  if (path) {
    const { dir, base } = splitPath(path);
    return `${dir}${stem(base)}.pdf`;
  }
  const base = stem(name.trim()) || 'untitled';
  return `${base}.pdf`;
}
