/**
 * The output intent: the printing condition the PDF is made for, and the ICC
 * profile that characterises it. The shipped default is the IFRA26 coldset
 * newsprint profile in `assets/icc/` (see assets/icc/README.md for its
 * source and licence).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OutputCondition {
  /** Registered characterisation name, e.g. `IFRA26` (ICC registry), or a custom one. */
  identifier: string;
  /** Human-readable printing condition. */
  condition: string;
  /** Registry of the identifier; empty when custom. */
  registry: string;
  /** Profile file name shown in reports. */
  profileName: string;
}

export const DEFAULT_PROFILE_FILE = 'banmian-ifra26-newsprint.icc';

export const DEFAULT_OUTPUT_CONDITION: OutputCondition = {
  identifier: 'IFRA26',
  condition: 'Coldset offset on standard newsprint, ISO 12647-3, 26 % TVI (IFRA26), TAC 240 %',
  registry: 'http://www.color.org',
  profileName: DEFAULT_PROFILE_FILE,
};

/**
 * Finds `assets/icc/<file>` by walking up from this module: the same code
 * runs from source (tests) and bundled in `dist/node/` (CLI).
 */
export function shippedProfilePath(file = DEFAULT_PROFILE_FILE): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'assets', 'icc', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`output profile ${file} not found in assets/icc (is the app installed completely?)`);
}

export interface IccInfo {
  /** Colour space of the device side, e.g. `CMYK`. */
  colourSpace: string;
  deviceClass: string;
  /** ICC version, e.g. `2.2`. */
  version: string;
  /** The `desc` tag, when it can be read. */
  description: string;
}

/** Reads the header of an ICC profile. Throws `RangeError` for a file that is not one. */
export function readIccInfo(bytes: Uint8Array): IccInfo {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 132 || b.toString('latin1', 36, 40) !== 'acsp') throw new RangeError('not an ICC profile (no "acsp" signature)');
  const tagCount = b.readUInt32BE(128);
  let description = '';
  for (let i = 0; i < tagCount && 132 + i * 12 + 12 <= b.length; i++) {
    const at = 132 + i * 12;
    if (b.toString('latin1', at, at + 4) !== 'desc') continue;
    const off = b.readUInt32BE(at + 4);
    const type = b.toString('latin1', off, off + 4);
    if (type === 'desc') {
      const len = b.readUInt32BE(off + 8);
      description = b.toString('latin1', off + 12, off + 12 + len).replace(/\0+$/, '');
    } else if (type === 'mluc') {
      const recLen = b.readUInt32BE(off + 20);
      const strOff = b.readUInt32BE(off + 24);
      description = Buffer.from(b.subarray(off + strOff, off + strOff + recLen)).swap16().toString('utf16le');
    }
  }
  return {
    colourSpace: b.toString('latin1', 16, 20).trim(),
    deviceClass: b.toString('latin1', 12, 16),
    version: `${b[8]}.${(b[9]! >> 4) & 0xf}`,
    description,
  };
}

/** Loads and checks a CMYK output profile. */
export function loadOutputProfile(path: string): { bytes: Uint8Array; info: IccInfo } {
  const bytes = new Uint8Array(readFileSync(path));
  const info = readIccInfo(bytes);
  if (info.colourSpace !== 'CMYK') throw new RangeError(`${path}: output profile must be CMYK, this one is ${info.colourSpace}`);
  if (info.deviceClass !== 'prtr') throw new RangeError(`${path}: output profile must be an output (printer) profile, this one is "${info.deviceClass}"`);
  return { bytes, info };
}
