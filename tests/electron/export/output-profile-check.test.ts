/**
 * The output profile check behind 选择… and the export: headers built here
 * byte for byte as ICC.1 lays them out, the shipped IFRA26 newsprint
 * profile, and a real sRGB display profile (libvips' own, through sharp).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { printRequestOf } from '../../../electron/node/export/export-options';
import { checkOutputProfile, checkOutputProfileFile } from '../../../electron/node/export/output-profile-check';
import { HostService } from '../../../electron/node/host/host-service';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';

const dir = mkdtempSync(join(tmpdir(), 'bm-icc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An ICC v2 profile: header, a tag table with one `desc` tag, its data. */
function icc(options: { space?: string; cls?: string; signature?: string; declared?: number; tags?: number; description?: string } = {}): Uint8Array {
  const text = options.description ?? 'Plant newsprint 2026';
  const descOffset = 132 + 12;
  const descLength = 12 + text.length + 1 + 4 + 4 + 67; // 'desc' type: ASCII, Unicode (empty), ScriptCode (empty)
  const size = descOffset + descLength;
  const b = Buffer.alloc(size);
  b.writeUInt32BE(options.declared ?? size, 0);
  b.write('lcms', 4, 'latin1');
  b.writeUInt32BE(0x02100000, 8); // version 2.1
  b.write(options.cls ?? 'prtr', 12, 'latin1');
  b.write(options.space ?? 'CMYK', 16, 'latin1');
  b.write('Lab ', 20, 'latin1');
  b.write(options.signature ?? 'acsp', 36, 'latin1');
  b.writeUInt32BE(options.tags ?? 1, 128);
  b.write('desc', 132, 'latin1');
  b.writeUInt32BE(descOffset, 136);
  b.writeUInt32BE(descLength, 140);
  b.write('desc', descOffset, 'latin1');
  b.writeUInt32BE(text.length + 1, descOffset + 8);
  b.write(text, descOffset + 12, 'latin1');
  return new Uint8Array(b);
}

async function srgbProfile(): Promise<Uint8Array> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).withIccProfile('srgb').png().toBuffer();
  return new Uint8Array((await sharp(png).metadata()).icc!);
}

function refusal(bytes: Uint8Array, name = 'plant.icc'): string {
  const r = checkOutputProfile(bytes, name);
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe('BAD_PROFILE');
  expect(r.error.message).not.toContain('\n');
  expect(r.error.message.startsWith(name)).toBe(true);
  // The same line in Chinese, for the dialog in zh-CN.
  expect(r.error.messageZh?.startsWith(name)).toBe(true);
  expect(r.error.messageZh).not.toContain('\n');
  return r.error.message;
}

describe('checkOutputProfile', () => {
  it('accepts a CMYK output profile and reads its description', () => {
    const r = checkOutputProfile(icc(), 'plant.icc');
    expect(r).toMatchObject({ ok: true, value: { colourSpace: 'CMYK', deviceClass: 'prtr', version: '2.1', description: 'Plant newsprint 2026' } });
  });

  it('accepts the shipped IFRA26 newsprint profile', () => {
    const bytes = new Uint8Array(readFileSync(shippedProfilePath()));
    const r = checkOutputProfile(bytes, 'banmian-ifra26-newsprint.icc');
    expect(r.ok && r.value.colourSpace).toBe('CMYK');
    expect(r.ok && r.value.description).not.toBe('');
  });

  it('refuses a real sRGB display profile, saying what it is', async () => {
    expect(refusal(await srgbProfile(), 'sRGB.icc')).toBe('sRGB.icc is an RGB display profile, not a CMYK output (printer) profile');
  });

  it('refuses a CMYK profile of another class, and an output profile of another space', () => {
    expect(refusal(icc({ cls: 'link' }))).toMatch(/a CMYK device link profile, not a CMYK output/);
    expect(refusal(icc({ cls: 'spac' }))).toMatch(/colour space conversion profile/);
    expect(refusal(icc({ space: 'RGB ' }))).toMatch(/an RGB output profile, not a CMYK output/);
    expect(refusal(icc({ space: 'GRAY' }))).toMatch(/a greyscale output profile/);
    expect(checkOutputProfile(icc({ space: 'GRAY' }), 'g.icc')).toMatchObject({ error: { messageZh: 'g.icc 是灰度输出配置文件，不是 CMYK 输出（印刷）配置文件' } });
  });

  it('refuses what is not an ICC profile: too short, or without "acsp"', () => {
    expect(refusal(new TextEncoder().encode('%PDF-1.6 not a profile'))).toMatch(/not an ICC profile: 22 bytes/);
    expect(refusal(icc({ signature: 'xxxx' }))).toMatch(/not an ICC profile \(no "acsp" signature\)/);
    const jpeg = new Uint8Array(200);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(refusal(jpeg)).toMatch(/no "acsp"/);
  });

  it('refuses a cut-short file and a header whose size or tag count cannot be right', () => {
    const whole = icc();
    expect(refusal(whole.subarray(0, 150))).toBe(`plant.icc is cut short: its header says ${whole.length} bytes, the file has 150`);
    expect(refusal(icc({ declared: 100 }))).toMatch(/damaged: its header gives a size of 100 bytes/);
    expect(refusal(icc({ tags: 1000 }))).toMatch(/damaged: its 1000 tags do not fit/);
  });

  it('accepts padding after the declared size (some tools round files up)', () => {
    const padded = new Uint8Array(icc().length + 3);
    padded.set(icc());
    expect(checkOutputProfile(padded, 'plant.icc').ok).toBe(true);
  });
});

describe('profile files', () => {
  it('checks a file by path, one line for a missing one', async () => {
    const good = join(dir, 'plant.icm');
    writeFileSync(good, icc());
    expect((await checkOutputProfileFile(good)).ok).toBe(true);
    const missing = await checkOutputProfileFile(join(dir, 'nowhere.icc'));
    expect(missing.ok || missing.error.message).toMatch(/^no such output profile/);
  });

  it('refuses an sRGB file at export time too, before Chromium starts', async () => {
    const path = join(dir, 'sRGB.icc');
    writeFileSync(path, await srgbProfile());
    const r = printRequestOf({ variant: 'x4-cmyk', profilePath: path });
    expect(r.ok || r.error).toEqual({
      code: 'BAD_PROFILE',
      message: 'sRGB.icc is an RGB display profile, not a CMYK output (printer) profile',
      messageZh: 'sRGB.icc 是RGB显示器配置文件，不是 CMYK 输出（印刷）配置文件',
    });
  });

  it('keeps an uploaded profile by content hash where the export reads it, and refuses a wrong one', async () => {
    const host = new HostService();
    const bytes = icc();
    const r = await host.uploadedOutputProfile('厂商新闻纸.icc', bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ name: '厂商新闻纸.icc', description: 'Plant newsprint 2026' });
    expect(r.value.path).toMatch(/[0-9a-f]{64}\.icc$/);
    expect(Buffer.compare(readFileSync(r.value.path), Buffer.from(bytes))).toBe(0);
    expect(printRequestOf({ variant: 'x4', profilePath: r.value.path }).ok).toBe(true);
    const again = await host.uploadedOutputProfile('again.icc', bytes);
    expect(again.ok && again.value.path).toBe(r.value.path);
    const bad = await host.uploadedOutputProfile('sRGB.icc', await srgbProfile());
    expect(bad.ok || bad.error.code).toBe('BAD_PROFILE');
    rmSync(join(r.value.path, '..'), { recursive: true, force: true });
  });

  it('answers a host-side choice with the absolute path and description', async () => {
    const path = join(dir, 'chosen.icc');
    writeFileSync(path, icc({ description: 'Chosen' }));
    expect(await new HostService().outputProfileAt(path)).toEqual({ ok: true, value: { path, name: 'chosen.icc', description: 'Chosen' } });
  });
});
