/**
 * The export dialog's choices (shared ExportOptions, from an untrusted
 * renderer) → the print pipeline's request. The profile is checked here so a
 * wrong file fails before Chromium starts, with one line saying why.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { ExportOptions } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { PrintPdfRequest } from '../pdf/print-ready';
import { checkOutputProfile, MAX_PROFILE_BYTES } from './output-profile-check';

/** ExportOptions as the host accepts them: declared with the host's other argument schemas. */
export { exportOptionsSchema } from '../../../shared/host/host-schemas';

export function printRequestOf(options: ExportOptions): Result<PrintPdfRequest> {
  const profilePath = options.profilePath?.trim() || undefined;
  if (profilePath !== undefined) {
    if (!isAbsolute(profilePath)) {
      return fail('BAD_PROFILE', `the output profile must be given as a full path, not "${profilePath}"`, `输出配置文件须为完整路径，而不是“${profilePath}”`);
    }
    if (!existsSync(profilePath)) return fail('BAD_PROFILE', `no such output profile: ${profilePath}`, `找不到输出配置文件：${profilePath}`);
    let bytes: Uint8Array;
    try {
      if (statSync(profilePath).size > MAX_PROFILE_BYTES) {
        return fail('BAD_PROFILE', `${basename(profilePath)} is larger than any output profile`, `${basename(profilePath)} 大于任何输出配置文件`);
      }
      bytes = new Uint8Array(readFileSync(profilePath));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return fail('BAD_PROFILE', `cannot read ${basename(profilePath)}: ${err.code ?? err.message}`, `无法读取 ${basename(profilePath)}：${err.code ?? err.message}`);
    }
    const checked = checkOutputProfile(bytes, basename(profilePath));
    if (!checked.ok) return checked;
  }
  return ok({
    variant: options.variant,
    bleedMm: options.bleedMm,
    marks: options.marks,
    profilePath,
    jpegQuality: options.jpegQuality,
    maxPpi: options.maxPpi,
    force: options.force ?? false,
  });
}
