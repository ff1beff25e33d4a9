/**
 * The desk's tables and the queries on them: the step log of each edition
 * (one row per step, primary key edition + version, so two authorities can
 * never both write a version), snapshots, check-outs and who is connected.
 */
import type { AssetEntry } from '../../../shared/format/manifest';
import type { DeskDb, SqlRunner } from './desk-db';

/** NOTIFY channel: payload `{ edition, kind: 'steps' | 'checkouts' | 'presence', … }`. */
export const DESK_CHANNEL = 'banmian_desk';

/** A snapshot is written every this many versions, so loading replays few steps. */
export const SNAPSHOT_EVERY = 200;

export async function createTables(db: DeskDb): Promise<void> {
  // Several desks may start at once on one PostgreSQL: create under a lock.
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7216700)`);
    await tx.query(`create table if not exists desk_snapshots (
      edition text not null, version integer not null, doc jsonb not null,
      created_at timestamptz not null default now(), primary key (edition, version))`);
    await tx.query(`create table if not exists desk_steps (
      edition text not null, version integer not null, step jsonb not null,
      client_id bigint not null, user_name text not null,
      created_at timestamptz not null default now(), primary key (edition, version))`);
    // The sender's message (its sequence number) and the step's index in it: how the sender
    // recognises what its steps became after the authority rebased them (decision 0025).
    await tx.query(`alter table desk_steps add column if not exists msg_seq bigint`);
    await tx.query(`alter table desk_steps add column if not exists msg_index integer`);
    await tx.query(`create table if not exists desk_checkouts (
      edition text not null, block text not null, user_name text not null,
      taken_at timestamptz not null default now(), last_activity timestamptz not null default now(),
      primary key (edition, block))`);
    // The edition's images (docs/decisions/0028): the entry and the bytes as base64, loaded with the edition.
    await tx.query(`create table if not exists desk_assets (
      edition text not null, hash text not null, entry jsonb not null, data text not null,
      primary key (edition, hash))`);
    await tx.query(`create table if not exists desk_presence (
      process_id text not null, edition text not null, user_name text not null,
      seen_at timestamptz not null default now(), primary key (process_id, edition, user_name))`);
  });
}

/** The advisory lock key of an edition (one authority at a time writes its steps). */
export function editionLockSql(): string {
  return `select pg_advisory_xact_lock(hashtext('banmian-desk:' || $1))`;
}

export async function editionExists(db: SqlRunner, edition: string): Promise<boolean> {
  const { rows } = await db.query(`select 1 from desk_snapshots where edition = $1 limit 1`, [edition]);
  return rows.length > 0;
}

/** An image of an edition: its manifest entry and bytes. */
export interface DeskAsset {
  entry: AssetEntry;
  bytes: Uint8Array;
}

/** Creates an edition at version 0, with its images, unless it exists; true when created. */
export async function createEdition(db: DeskDb, edition: string, doc: unknown, assets: readonly DeskAsset[] = []): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query(editionLockSql(), [edition]);
    if (await editionExists(tx, edition)) return false;
    await tx.query(`insert into desk_snapshots (edition, version, doc) values ($1, 0, $2)`, [edition, JSON.stringify(doc)]);
    for (const a of assets) {
      await tx.query(`insert into desk_assets (edition, hash, entry, data) values ($1, $2, $3, $4) on conflict do nothing`, [
        edition,
        a.entry.hash,
        JSON.stringify(a.entry),
        Buffer.from(a.bytes).toString('base64'),
      ]);
    }
    return true;
  });
}

/** The images of an edition (none for an edition loaded by a desk from before decision 0028). */
export async function editionAssets(db: SqlRunner, edition: string): Promise<Array<{ entry: AssetEntry; data: string }>> {
  const { rows } = await db.query<{ entry: AssetEntry; data: string }>(`select entry, data from desk_assets where edition = $1 order by hash`, [edition]);
  return rows;
}

/** One image of an edition, or null when the desk does not hold it. */
export async function editionAsset(db: SqlRunner, edition: string, hash: string): Promise<{ entry: AssetEntry; data: string } | null> {
  const { rows } = await db.query<{ entry: AssetEntry; data: string }>(`select entry, data from desk_assets where edition = $1 and hash = $2`, [edition, hash]);
  return rows[0] ?? null;
}

/** Adds an image placed during a session (keyed by hash: the same image twice is kept once). */
export async function addEditionAsset(db: SqlRunner, edition: string, asset: DeskAsset): Promise<void> {
  await db.query(`insert into desk_assets (edition, hash, entry, data) values ($1, $2, $3, $4) on conflict do nothing`, [
    edition,
    asset.entry.hash,
    JSON.stringify(asset.entry),
    Buffer.from(asset.bytes).toString('base64'),
  ]);
}

export async function listEditions(db: SqlRunner): Promise<string[]> {
  const { rows } = await db.query<{ edition: string }>(`select distinct edition from desk_snapshots order by edition`);
  return rows.map((r) => r.edition);
}

export async function latestSnapshot(db: SqlRunner, edition: string): Promise<{ version: number; doc: unknown } | null> {
  const { rows } = await db.query<{ version: number; doc: unknown }>(
    `select version, doc from desk_snapshots where edition = $1 order by version desc limit 1`,
    [edition],
  );
  return rows[0] ?? null;
}

export interface StepRow {
  version: number;
  step: unknown;
  client_id: number;
  /** The sender's message sequence number (null in logs written before decision 0025). */
  seq: number | null;
  /** The step's index in the message as sent (null likewise). */
  source: number | null;
}

/** Steps of an edition from `version` on (the step that makes version+1 first). */
export async function stepsSince(db: SqlRunner, edition: string, version: number): Promise<StepRow[]> {
  const { rows } = await db.query<{ version: number; step: unknown; client_id: string | number; msg_seq: string | number | null; msg_index: number | null }>(
    `select version, step, client_id, msg_seq, msg_index from desk_steps where edition = $1 and version > $2 order by version`,
    [edition, version],
  );
  return rows.map((r) => ({
    version: r.version,
    step: r.step,
    client_id: Number(r.client_id),
    seq: r.msg_seq === null ? null : Number(r.msg_seq),
    source: r.msg_index,
  }));
}

/** One step to append: what it is, and whose message (and which step of it) it came from. */
export interface NewStep {
  step: unknown;
  clientID: number;
  user: string;
  seq: number;
  source: number;
}

/** Appends steps making versions from+1 … from+n (messages of several clients may share one transaction). */
export async function insertSteps(tx: SqlRunner, edition: string, from: number, steps: readonly NewStep[]): Promise<void> {
  if (steps.length === 0) return;
  const values: string[] = [];
  const params: unknown[] = [edition];
  steps.forEach((s, i) => {
    const at = params.length;
    params.push(from + i + 1, JSON.stringify(s.step), s.clientID, s.user, s.seq, s.source);
    values.push(`($1, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`);
  });
  await tx.query(`insert into desk_steps (edition, version, step, client_id, user_name, msg_seq, msg_index) values ${values.join(', ')}`, params);
}

export async function insertSnapshot(tx: SqlRunner, edition: string, version: number, doc: unknown): Promise<void> {
  await tx.query(`insert into desk_snapshots (edition, version, doc) values ($1, $2, $3) on conflict do nothing`, [edition, version, JSON.stringify(doc)]);
}
