/**
 * Vitest setup for end-to-end files: each test file journals to its own empty
 * recovery folder (and thumbnail folder), never the user's (~/.local/state/banmian/recovery). Entries
 * left there by other runs would otherwise open the recovery dialog over the
 * page and block every click. Servers started in-process and child processes
 * (which inherit the environment) both pick it up; a test may still set its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env['BANMIAN_RECOVERY_DIR'] = mkdtempSync(join(tmpdir(), 'bm-e2e-recovery-'));
// Page thumbnails kept between runs (export/thumbnail-disk-cache.ts): a folder of the file's own too.
process.env['BANMIAN_THUMBNAIL_DIR'] = mkdtempSync(join(tmpdir(), 'bm-e2e-thumbnails-'));
