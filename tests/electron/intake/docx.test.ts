import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../electron/node/intake/import-file';
import { readDocx } from '../../../electron/node/intake/read-docx';
import { DOCX_STORY, makeDocx, makePng } from './make-docx';

const dir = mkdtempSync(join(tmpdir(), 'banmian-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing a Word file', () => {
  it('reads one story with its heading, byline, paragraphs and photo with its bytes', async () => {
    const png = await makePng(300, 200);
    const path = join(dir, 'story.docx');
    writeFileSync(path, await makeDocx(DOCX_STORY, png));
    const imported = await importFile(path);
    if (!imported.ok) throw new Error(imported.error.message);
    const { result, images, format } = imported.value;
    expect(format).toBe('docx');
    expect(result.stories).toHaveLength(1);
    const story = result.stories[0]!;
    expect(story.headline).toBe('萧山9人上榜“浙江工匠”培养名单');
    expect(result.decisions.find((d) => d.role === 'headline')?.rule).toBe('head.single');
    expect(story.byline?.people).toEqual([
      { role: '记者', name: '童宇倩' },
      { role: '通讯员', name: '韩超' },
    ]);
    expect(story.paragraphs).toHaveLength(3);
    expect(story.paragraphs[0]).toMatch(/^本报讯近日/u);
    expect(story.body[0]!.strong).toEqual([[0, 3]]);
    expect(story.photos).toHaveLength(1);
    const photo = story.photos[0]!;
    expect(photo).toMatchObject({ caption: '孙叶江在研发新菜。', credit: { people: [{ role: '记者', name: '丁力' }] } });
    expect(photo.image?.alt).toBe('孙叶江在厨房');
    const image = images.find((i) => i.src === photo.image?.src);
    expect(image).toMatchObject({ mime: 'image/png', pixelWidth: 300, pixelHeight: 200 });
    expect(Buffer.from(image!.bytes).equals(png)).toBe(true);
    expect(image!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a truncated .docx with a one-line reason', async () => {
    const whole = await makeDocx(DOCX_STORY, await makePng(40, 30));
    const path = join(dir, 'cut.docx');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const imported = await importFile(path);
    expect(imported.ok).toBe(false);
    if (!imported.ok) {
      expect(imported.error.code).toBe('DOCX_DAMAGED');
      expect(imported.error.message).toMatch(/damaged or truncated/);
      expect(imported.error.message).not.toContain('\n');
    }
  });

  it('refuses a .docx that is not a zip, naming an old .doc', async () => {
    const doc = await readDocx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(doc.ok ? '' : doc.error.message).toMatch(/old Word \.doc/);
    const text = await readDocx(new TextEncoder().encode('这不是 Word 文件'));
    expect(text.ok ? '' : text.error.message).toMatch(/not a zip/);
  });
});

describe('importing an HTML file', () => {
  it('reads saved web copy as HTML', async () => {
    const path = join(dir, 'story.html');
    writeFileSync(path, '<!DOCTYPE html><html><body><h1>湘湖迎来候鸟</h1><p>记者 张三</p><p>近日,湘湖迎来首批越冬候鸟。</p></body></html>');
    const imported = await importFile(path);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.format).toBe('html');
    expect(imported.value.result.stories.map((s) => [s.headline, s.byline?.text, s.paragraphs])).toEqual([
      ['湘湖迎来候鸟', '记者 张三', ['近日，湘湖迎来首批越冬候鸟。']],
    ]);
  });
});
