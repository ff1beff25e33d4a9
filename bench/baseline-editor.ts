/**
 * The baseline for keystroke latency: a bare ProseMirror editor over the same
 * story text, in the same font, size and column width, with nothing of
 * Banmian around it. Bundled with esbuild at bench time and served on
 * 127.0.0.1 together with the body font's files.
 */
import { build } from 'esbuild';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const ENTRY = `
import { Schema } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { history, undo, redo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap } from 'prosemirror-commands';
const schema = new Schema({ nodes: { doc: { content: 'paragraph+' }, paragraph: { content: 'text*', toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] }, text: {} } });
const paragraphs = window.__BM_PARAGRAPHS__;
const doc = schema.node('doc', null, paragraphs.map((p) => schema.node('paragraph', null, p ? [schema.text(p)] : [])));
const view = new EditorView(document.getElementById('editor'), {
  state: EditorState.create({ doc, plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-Shift-z': redo }), keymap(baseKeymap)] }),
});
window.__bmView = view;
document.documentElement.setAttribute('data-bm-ready', 'true');
`;

function html(paragraphs: string[], columnPx: number, linePx: number): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<link rel="stylesheet" href="/font/400.css">
<style>
  body { margin: 20px; }
  #editor .ProseMirror { width: ${columnPx}px; font: ${12}px/${linePx}px 'Noto Serif SC'; text-align: justify;
    line-break: strict; white-space: pre-wrap; outline: none; }
  #editor p { margin: 0; text-indent: 2em; }
</style></head><body><div id="editor"></div>
<script>window.__BM_PARAGRAPHS__ = ${JSON.stringify(paragraphs)};</script>
<script src="/bare.js"></script></body></html>`;
}

const TYPES: Record<string, string> = { '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.js': 'text/javascript' };

export interface BaselineServer {
  url: string;
  close(): Promise<void>;
}

export async function startBaselineEditor(options: {
  root: string;
  paragraphs: string[];
  columnPx: number;
  linePx: number;
}): Promise<BaselineServer> {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: options.root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
  });
  const js = bundle.outputFiles[0]!.text;
  const page = html(options.paragraphs, options.columnPx, options.linePx);
  const fontDir = join(options.root, 'node_modules/@fontsource/noto-serif-sc');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (url.pathname === '/bare.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (url.pathname.startsWith('/font/')) {
      const rel = normalize(url.pathname.slice('/font/'.length));
      if (rel.startsWith('..')) {
        res.writeHead(403).end();
        return;
      }
      readFile(join(fontDir, rel)).then(
        (bytes) => res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(bytes),
        () => res.writeHead(404).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
