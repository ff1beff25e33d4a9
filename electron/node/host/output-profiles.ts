/**
 * Output profiles the person chose for a print export: one on the host's
 * disk (checked where it is), or one uploaded from web mode's file picker
 * (checked, then kept in a private folder under its content hash so the
 * export can read it by path).
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { ChosenProfile } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { checkOutputProfile, checkOutputProfileFile } from '../export/output-profile-check';
import { writeFileAtomic } from '../storage/atomic-write';

export class OutputProfiles {
  /** Where uploaded profiles are kept (created on the first). */
  #dir: string | null = null;

  /** A profile at an absolute path on the host's disk: checked, ready for the export options. */
  async at(absolute: string): Promise<Result<ChosenProfile>> {
    const checked = await checkOutputProfileFile(absolute);
    if (!checked.ok) return checked;
    return ok({ path: absolute, name: basename(absolute), description: checked.value.info.description });
  }

  /** An uploaded profile: checked, then kept under its content hash. */
  async uploaded(name: string, bytes: Uint8Array): Promise<Result<ChosenProfile>> {
    const checked = checkOutputProfile(bytes, name);
    if (!checked.ok) return checked;
    this.#dir ??= await mkdtemp(join(tmpdir(), 'banmian-profiles-'));
    const path = join(this.#dir, `${createHash('sha256').update(bytes).digest('hex')}${extname(name).toLowerCase() === '.icm' ? '.icm' : '.icc'}`);
    const written = await writeFileAtomic(path, bytes, { backup: false });
    if (!written.ok) return fail('WRITE_FAILED', `cannot keep ${name}: ${written.error.message}`);
    return ok({ path, name, description: checked.value.description });
  }
}
