/**
 * Moving stored files forward through format versions.
 *
 * A file of version v < {@link FORMAT_VERSION} is carried to the current
 * version by applying `migrations[v]`, `migrations[v + 1]`, … in turn, each a
 * pure function of the stored JSON. Validation happens after the last step,
 * against the current schema only, so old readers never need to exist. A
 * file newer than this build is refused whole (never half-loaded): its
 * meaning may have changed in ways this build cannot know.
 *
 * What never changes between versions (the container): a zip with
 * `manifest.json` holding `format` and `version`, page JSON at the paths
 * listed in the manifest's `pages`, images at `assets/<sha256>.<ext>`.
 */
import type { Result } from '../result';
import { fail, ok } from '../result';
import { FORMAT_NAME, FORMAT_VERSION } from './manifest';
import { migrate1to2 } from './migrate-1-to-2';
import { migrate2to3 } from './migrate-2-to-3';

/**
 * The stored JSON of a file, before validation: its manifest and its pages
 * in order (from version 3, followed by the edition's story bin when the
 * file has one: the edition's children, shared/edition/edition-children.ts).
 */
export interface StoredContent {
  manifest: Record<string, unknown>;
  pages: unknown[];
}

/**
 * Turns content of version v into content of version v + 1. Pure; may throw
 * on content it cannot read (the loader turns that into a refusal). It need
 * not set `manifest.version`: the mechanism does.
 */
export type Migration = (content: StoredContent) => StoredContent;

/**
 * The migrations of this build, keyed by the version they migrate from.
 * Adding version n + 1 means: bump FORMAT_VERSION, add `n: (c) => …` here,
 * add a fixture of version n to the tests, and describe the change in
 * docs/file-format.md.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  /** A file becomes an edition (./migrate-1-to-2.ts). */
  1: migrate1to2,
  /** The story bin moves from the pages to the edition (./migrate-2-to-3.ts). */
  2: migrate2to3,
};

export interface MigrateOptions {
  migrations?: Readonly<Record<number, Migration>>;
  /** The version to reach (tests only). */
  current?: number;
}

export interface Migrated {
  content: StoredContent;
  /** The version the file was stored in. */
  fromVersion: number;
}

/** Reads `format` and `version` of a parsed manifest, refusing foreign and future files. */
export function storedVersion(manifest: unknown, current = FORMAT_VERSION): Result<number> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return fail('INVALID_FILE', 'manifest.json is not a JSON object');
  }
  const { format, version } = manifest as Record<string, unknown>;
  if (format !== FORMAT_NAME) return fail('INVALID_FILE', 'not a Banmian file (manifest.json has no "format": "banmian")');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    return fail('INVALID_FILE', 'manifest.json has no valid format version');
  }
  if (version > current) {
    return fail(
      'UNSUPPORTED_VERSION',
      `file format version ${version} was written by a newer Banmian; this version reads up to version ${current}`,
    );
  }
  return ok(version);
}

/** Carries stored content to the current version, or says why it cannot. */
export function migrateToCurrent(content: StoredContent, options: MigrateOptions = {}): Result<Migrated> {
  const migrations = options.migrations ?? MIGRATIONS;
  const current = options.current ?? FORMAT_VERSION;
  const version = storedVersion(content.manifest, current);
  if (!version.ok) return version;
  let v = version.value;
  let c = content;
  while (v < current) {
    const step = Object.hasOwn(migrations, v) ? migrations[v] : undefined;
    if (!step) return fail('UNSUPPORTED_VERSION', `file format version ${version.value} is too old to read (no migration from version ${v})`);
    try {
      const next = step(c);
      c = { manifest: { ...next.manifest, version: v + 1 }, pages: next.pages };
    } catch (e) {
      return fail('INVALID_FILE', `cannot upgrade the file from format version ${v}: ${(e as Error).message}`);
    }
    v += 1;
  }
  return ok({ content: c, fromVersion: version.value });
}
