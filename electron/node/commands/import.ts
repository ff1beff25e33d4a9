/**
 * `banmian import FILE [-o OUT.json] [--summary]`: reads reporters' copy
 * (.txt in UTF-8/UTF-16/GB18030, .docx, .html), recognises its stories and
 * prints or writes them. The work runs in a worker thread.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { IntakeFileAsset } from '../../../shared/intake/intake-file';
import { buildIntakeFile } from '../../../shared/intake/intake-file';
import { summarizeDrafts } from '../../../shared/intake/summary';
import type { ImportedFile } from '../intake/import-file';
import { importFileOffThread } from '../intake/import-off-thread';
import { writeFileAtomic } from '../storage/atomic-write';
import type { CliCommand } from './command';

const USAGE = 'usage: banmian import FILE [-o OUT.json] [--summary]';

function intakeJson(file: ImportedFile): string {
  const bySrc = new Map(file.images.map((i) => [i.src, i]));
  const assets: IntakeFileAsset[] = file.images.map((i) => ({
    asset: i.hash,
    pixelWidth: i.pixelWidth,
    pixelHeight: i.pixelHeight,
    mime: i.mime,
    bytes: i.bytes.length,
    data: Buffer.from(i.bytes).toString('base64'),
  }));
  const source = { name: file.name, bytes: file.bytes, format: file.format, ...(file.encoding ? { encoding: file.encoding } : {}) };
  const content = buildIntakeFile(source, file.result, assets, {
    assetFor: (photo) => {
      const image = photo.image && bySrc.get(photo.image.src);
      return image ? { asset: image.hash, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight } : null;
    },
  });
  return `${JSON.stringify(content)}\n`;
}

function listing(file: ImportedFile): string {
  return file.result.stories
    .map((s, i) => {
      const title = s.headline ?? s.label ?? s.captions[0] ?? s.paragraphs[0]?.slice(0, 20) ?? '';
      const parts = [`${s.paragraphs.length} paragraphs`];
      if (s.photos.length) parts.push(`${s.photos.length} photo${s.photos.length === 1 ? '' : 's'}`);
      if (s.teasers.length) parts.push(`${s.teasers.length} items`);
      return `${String(i + 1).padStart(3)}. ${s.kind.padEnd(6)} ${title} (${parts.join(', ')})`;
    })
    .join('\n');
}

export const importCommand: CliCommand = {
  summary: 'recognise the stories in a .txt/.docx/.html file of copy',
  async run(argv) {
    let args;
    try {
      args = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { output: { type: 'string', short: 'o' }, summary: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (e) {
      process.stderr.write(`banmian import: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (args.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [path, ...extra] = args.positionals;
    if (!path || extra.length > 0) {
      process.stderr.write(`banmian import: ${path ? 'one file at a time' : 'no file given'}\n${USAGE}\n`);
      return 2;
    }
    const out = args.values.output;
    if (out !== undefined && extname(out).toLowerCase() !== '.json') {
      process.stderr.write(`banmian import: the output must be a .json file (got ${out})\n`);
      return 2;
    }
    const imported = await importFileOffThread(path);
    if (!imported.ok) {
      process.stderr.write(`banmian import: ${path}: ${imported.error.message}\n`);
      return 1;
    }
    const file = imported.value;
    for (const w of file.warnings) process.stderr.write(`banmian import: warning: ${w}\n`);
    if (out !== undefined) {
      const written = await writeFileAtomic(out, Buffer.from(intakeJson(file), 'utf8'), { backup: false });
      if (!written.ok) {
        process.stderr.write(`banmian import: ${written.error.message}\n`);
        return 1;
      }
    }
    if (args.values.summary) process.stdout.write(`${JSON.stringify(summarizeDrafts(file.result.stories), null, 2)}\n`);
    else process.stdout.write(`${listing(file)}\n`);
    return 0;
  },
};
