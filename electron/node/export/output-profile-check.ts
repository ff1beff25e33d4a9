/**
 * Is this file a CMYK output profile? Read from the ICC header (ICC.1:2010
 * §7.2) before anything relies on it: the declared size against the bytes,
 * the `acsp` signature, the device class (`prtr`, output) and the colour
 * space of the device side (`CMYK`). Every refusal is one line naming the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_PROFILE_UPLOAD_BYTES } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { IccInfo } from '../pdf/output-profile';
import { readIccInfo } from '../pdf/output-profile';

/** Header (128 bytes) and tag count (4): the least an ICC profile can be. */
const MIN_PROFILE_BYTES = 132;

/** Largest profile accepted: press profiles are 0.5–4 MB; this bounds what is read. */
export const MAX_PROFILE_BYTES = MAX_PROFILE_UPLOAD_BYTES;

/** ICC device classes in words, English and Chinese. */
const DEVICE_CLASSES: Record<string, [string, string]> = {
  scnr: ['input (scanner or camera)', '输入（扫描仪或相机）'],
  mntr: ['display', '显示器'],
  prtr: ['output', '输出'],
  link: ['device link', '设备链接'],
  spac: ['colour space conversion', '色彩空间转换'],
  abst: ['abstract', '抽象'],
  nmcl: ['named colour', '命名颜色'],
};

function spaceName(space: string): [string, string] {
  const s = space.trim();
  if (s === 'GRAY') return ['greyscale', '灰度'];
  return s === '' ? ['unknown colour space', '未知色彩空间'] : [s, s];
}

/** `an RGB`, `a CMYK`, `a greyscale`: letter names for acronyms, vowels for words. */
function article(word: string): string {
  const acronym = /^[A-Z0-9]+$/.test(word);
  return (acronym ? /^[AEFHILMNORSX8]/ : /^[aeiou]/i).test(word) ? 'an' : 'a';
}

/**
 * Checks the bytes of a would-be output profile. The error (code BAD_PROFILE)
 * is one line starting with `name`.
 */
export function checkOutputProfile(bytes: Uint8Array, name: string): Result<IccInfo> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < MIN_PROFILE_BYTES) {
    return fail('BAD_PROFILE', `${name} is not an ICC profile: ${bytes.byteLength} bytes, shorter than an ICC header`, `${name} 不是 ICC 配置文件：只有 ${bytes.byteLength} 字节，不足一个 ICC 文件头`);
  }
  const signature = String.fromCharCode(...bytes.subarray(36, 40));
  if (signature !== 'acsp') return fail('BAD_PROFILE', `${name} is not an ICC profile (no "acsp" signature)`, `${name} 不是 ICC 配置文件（没有“acsp”标记）`);
  const declared = view.getUint32(0);
  if (declared > bytes.byteLength) {
    return fail(
      'BAD_PROFILE',
      `${name} is cut short: its header says ${declared} bytes, the file has ${bytes.byteLength}`,
      `${name} 不完整：文件头标明 ${declared} 字节，文件只有 ${bytes.byteLength} 字节`,
    );
  }
  if (declared < MIN_PROFILE_BYTES) {
    return fail('BAD_PROFILE', `${name} is damaged: its header gives a size of ${declared} bytes`, `${name} 已损坏：文件头标明的大小只有 ${declared} 字节`);
  }
  const tags = view.getUint32(128);
  if (MIN_PROFILE_BYTES + tags * 12 > declared) {
    return fail('BAD_PROFILE', `${name} is damaged: its ${tags} tags do not fit in its ${declared} bytes`, `${name} 已损坏：${tags} 个标签超出文件的 ${declared} 字节`);
  }
  let info: IccInfo;
  try {
    info = readIccInfo(bytes.subarray(0, declared));
  } catch (e) {
    return fail('BAD_PROFILE', `${name} is damaged: ${(e as Error).message}`, `${name} 已损坏：${(e as Error).message}`);
  }
  if (info.colourSpace !== 'CMYK' || info.deviceClass !== 'prtr') {
    const [kind, kindZh] = DEVICE_CLASSES[info.deviceClass] ?? [`"${info.deviceClass}"`, `“${info.deviceClass}”类`];
    const [space, spaceZh] = spaceName(info.colourSpace);
    return fail(
      'BAD_PROFILE',
      `${name} is ${article(space)} ${space} ${kind} profile, not a CMYK output (printer) profile`,
      `${name} 是${spaceZh}${kindZh}配置文件，不是 CMYK 输出（印刷）配置文件`,
    );
  }
  return ok(info);
}

/** Reads a profile file (bounded) and checks it; a missing or unreadable file is one line too. */
export async function checkOutputProfileFile(path: string): Promise<Result<{ bytes: Uint8Array; info: IccInfo }>> {
  const name = basename(path);
  try {
    const size = (await stat(path)).size;
    if (size > MAX_PROFILE_BYTES) {
      const mib = (size / 1024 / 1024).toFixed(1);
      const limit = MAX_PROFILE_BYTES / 1024 / 1024;
      return fail('BAD_PROFILE', `${name} is ${mib} MiB, larger than any output profile (${limit} MiB)`, `${name} 有 ${mib} MiB，大于任何输出配置文件（${limit} MiB）`);
    }
    const bytes = new Uint8Array(await readFile(path));
    const checked = checkOutputProfile(bytes, name);
    return checked.ok ? ok({ bytes, info: checked.value }) : checked;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code === 'ENOENT'
      ? fail('BAD_PROFILE', `no such output profile: ${path}`, `找不到输出配置文件：${path}`)
      : fail('BAD_PROFILE', `cannot read ${name}: ${err.code ?? err.message}`, `无法读取 ${name}：${err.code ?? err.message}`);
  }
}
