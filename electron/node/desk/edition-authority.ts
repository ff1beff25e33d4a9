/**
 * The authority for one edition in one desk process. It orders steps: a
 * message of steps made on any recent version is rebased over what was
 * committed since (shared/desk/rebase-message.ts, decision 0025), judged step
 * by step (shared/desk/rules.ts), committed to the database with the
 * check-outs it takes — all messages waiting at that moment in one
 * transaction — and only then sent to every client, with the sender's
 * message number and each step's index in it, so the sender learns what its
 * steps became. A message with a forbidden step gets `refused` naming it; a
 * step that no longer applies is left out and named — nothing is dropped
 * silently.
 *
 * Several processes may serve one edition on one PostgreSQL: each submission
 * runs under the edition's advisory lock and first catches up with the steps
 * other processes committed, so exactly one of them is the authority at any
 * moment; they learn of each other's commits through LISTEN/NOTIFY.
 */
import type { Node } from 'prosemirror-model';
import { Step } from 'prosemirror-transform';
import type { Checkouts, DeskRole, PresenceEntry, ServerMessage } from '../../../shared/desk/protocol';
import type { DeskActor } from '../../../shared/desk/rules';
import { judgeStep } from '../../../shared/desk/rules';
import { stepOwner } from '../../../shared/desk/step-owner';
import type { SqlRunner } from './desk-db';
import { DESK_CHANNEL, editionLockSql, insertSnapshot, insertSteps, latestSnapshot, SNAPSHOT_EVERY, stepsSince } from './desk-store';
import { rebaseMessage } from '../../../shared/desk/rebase-message';
import { StepTail } from './step-tail';
import { invalid, stepsMessage } from './authority-messages';
import type { AuthorityOptions, AuthoritySubscriber, DrainOutcome, DrainStep, Pending, SubmitResult, SubmittedMessage } from './authority-messages';
import { deskTrace } from './desk-trace';

/** How often a holder's typing refreshes its check-out's `last_activity`. */
const TOUCH_EVERY_MS = 5000;

export class EditionAuthority {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscribers = new Set<AuthoritySubscriber>();
  /** Presence of users on any process: key process/user. */
  private readonly presence = new Map<string, PresenceEntry>();
  /** When this desk last recorded activity on a block (ms). */
  private readonly touched = new Map<string, number>();
  /** The last committed steps (versions version-tail.length+1 … version). */
  private readonly tail = new StepTail();
  /** Messages waiting for the next group commit. */
  private pending: Pending[] = [];
  /** A commit failed: the next one first reads the log (it may have landed after all). */
  private mustCatchUp = false;
  /** A refresh (NOTIFY from another desk) is queued; whether it must read the check-outs too. */
  private refreshQueued = false;
  private refreshCheckouts = false;

  private constructor(
    private readonly options: AuthorityOptions,
    public doc: Node,
    public version: number,
    public checkouts: Checkouts,
  ) {}

  static async load(options: AuthorityOptions): Promise<EditionAuthority> {
    const snapshot = await latestSnapshot(options.db, options.edition);
    if (!snapshot) throw new RangeError(`no edition named "${options.edition}"`);
    const authority = new EditionAuthority(options, options.schema.nodeFromJSON(snapshot.doc), snapshot.version, {});
    await authority.serial(async () => {
      await authority.catchUpWith(options.db);
      authority.checkouts = await authority.readCheckouts(options.db);
    });
    return authority;
  }

  get edition(): string {
    return this.options.edition;
  }

  /** Runs one operation at a time on this edition (in this process). */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * Adds a client: sends the welcome (the document on a first join, else the
   * steps it lacks) and from then on every committed step, with no gap.
   */
  join(subscriber: AuthoritySubscriber, role: DeskRole, since: number | undefined): Promise<void> {
    return this.serial(async () => {
      await this.catchUpWith(this.options.db);
      if (since !== undefined && since > this.version) {
        subscriber.send({ type: 'welcome', version: this.version, role, checkouts: this.checkouts });
        return;
      }
      if (since === undefined) {
        subscriber.send({ type: 'welcome', version: this.version, doc: this.doc.toJSON(), role, checkouts: this.checkouts });
      } else {
        const rows = await stepsSince(this.options.db, this.edition, since);
        const missing = rows.filter((r) => r.version <= this.version);
        if (missing.length > 0) subscriber.send(stepsMessage(since, missing));
        subscriber.send({ type: 'welcome', version: this.version, role, checkouts: this.checkouts });
      }
      this.subscribers.add(subscriber);
      subscriber.send({ type: 'presence', users: [...this.presence.values()] });
    });
  }

  leave(subscriber: AuthoritySubscriber): void {
    this.subscribers.delete(subscriber);
  }

  private broadcast(message: ServerMessage): void {
    if (this.subscribers.size === 0) return;
    // Serialised and encoded once: each socket then only frames the same bytes.
    const encoded = Buffer.from(JSON.stringify(message));
    if (message.type === 'steps') deskTrace?.add('broadcastBytes', encoded.length);
    for (const s of this.subscribers) s.send(message, encoded);
  }

  /** Applies steps other processes committed (called under the lock, or on NOTIFY). */
  private async catchUpWith(db: SqlRunner): Promise<void> {
    const rows = await stepsSince(db, this.edition, this.version);
    if (rows.length === 0) return;
    const from = this.version;
    let doc = this.doc;
    const parsed: Step[] = [];
    for (const row of rows) {
      const step = Step.fromJSON(this.options.schema, row.step);
      parsed.push(step);
      const result = step.apply(doc);
      if (!result.doc) throw new Error(`edition ${this.edition}: committed step ${row.version} does not apply: ${result.failed}`);
      doc = result.doc;
    }
    this.doc = doc;
    this.version = from + rows.length;
    this.tail.push(rows.map((r, i) => ({ step: parsed[i]!, clientID: r.client_id, seq: r.seq, source: r.source })));
    this.broadcast(stepsMessage(from, rows));
  }

  /** A NOTIFY said another process committed steps or changed check-outs. */
  refresh(checkouts = true): Promise<void> {
    this.refreshCheckouts ||= checkouts;
    // One refresh waiting is enough: it reads everything committed until it runs.
    if (this.refreshQueued) return Promise.resolve();
    this.refreshQueued = true;
    return this.serial(async () => {
      this.refreshQueued = false;
      // Messages are waiting: their group commit comes next in this queue and catches up under the
      // lock (steps and check-outs, broadcasting both), so reading the log here too would only
      // delay it — with two desks busy, by a database round trip for every commit of the other.
      if (this.pending.length > 0 && this.options.db.kind === 'postgres') return;
      const readCheckouts = this.refreshCheckouts;
      this.refreshCheckouts = false;
      await this.catchUpWith(this.options.db);
      if (readCheckouts) await this.setCheckouts(await this.readCheckouts(this.options.db, false));
    });
  }

  /** Deletes lapsed check-outs: idle too long, or the holder gone (no desk has seen them) too long. */
  private async expireCheckouts(db: SqlRunner): Promise<void> {
    await db.query(
      `delete from desk_checkouts c where c.edition = $1 and (c.last_activity < now() - make_interval(secs => $2)
         or not exists (select 1 from desk_presence p where p.edition = c.edition and p.user_name = c.user_name
                        and p.seen_at > now() - make_interval(secs => $3)))`,
      [this.edition, this.options.idleMinutes * 60, this.options.goneSeconds],
    );
  }

  private async readCheckouts(db: SqlRunner, expire = true): Promise<Checkouts> {
    if (expire) await this.expireCheckouts(db);
    const { rows } = await db.query<{ block: string; user_name: string }>(`select block, user_name from desk_checkouts where edition = $1 order by block`, [this.edition]);
    return Object.fromEntries(rows.map((r) => [r.block, r.user_name]));
  }

  private async setCheckouts(next: Checkouts): Promise<void> {
    if (JSON.stringify(next) === JSON.stringify(this.checkouts)) return;
    this.checkouts = next;
    this.broadcast({ type: 'checkouts', checkouts: next });
  }

  /**
   * Judges, rebases and commits one message of steps made on `version` (any
   * version the authority can still rebase from). Messages that arrive while
   * a commit is under way are committed together in the next transaction
   * (group commit): one lock, one catch-up, one fsync for all of them.
   */
  submit(actor: DeskActor, message: SubmittedMessage): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ actor, message, resolve, reject, at: performance.now() });
      if (this.pending.length === 1) void this.serial(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const started = performance.now();
    let judged = 0;
    if (deskTrace) {
      deskTrace.add('batch', batch.length);
      for (const p of batch) deskTrace.add('queue', started - p.at);
    }
    const { db, edition } = this.options;
    // The embedded database has one desk: nobody else writes, no lock or catch-up needed.
    const shared = db.kind === 'postgres';
    let outcome: DrainOutcome | null = null;
    try {
      await db.transaction(async (tx) => {
        outcome = null;
        if (shared) await tx.query(editionLockSql(), [edition]);
        if (shared || this.mustCatchUp) await this.catchUpWith(tx);
        this.mustCatchUp = false;
        const judging = performance.now();
        const draft = await this.judgeAll(tx, batch, shared);
        judged = performance.now() - judging;
        const rows = draft.steps;
        await insertSteps(tx, edition, this.version, rows);
        const now = Date.now();
        let wroteCheckouts = false;
        for (const [block, user] of draft.taken) {
          // Activity is recorded at most every few seconds per block (idle lapses are in minutes).
          if (draft.held[block] === user && now - (this.touched.get(block) ?? 0) < TOUCH_EVERY_MS) continue;
          this.touched.set(block, now);
          // Only a new holder changes what the other desks show; a refreshed activity time does not.
          if (draft.held[block] !== user) wroteCheckouts = true;
          await tx.query(
            `insert into desk_checkouts (edition, block, user_name) values ($1, $2, $3)
             on conflict (edition, block) do update set last_activity = now()`,
            [edition, block, user],
          );
        }
        const next = this.version + rows.length;
        if (rows.length > 0) {
          if (Math.floor(next / SNAPSHOT_EVERY) > Math.floor(this.version / SNAPSHOT_EVERY)) await insertSnapshot(tx, edition, next, draft.doc.toJSON());
          // Other desks on the same PostgreSQL learn of it (an embedded PGlite has no other desk).
          if (shared) {
            const note = { edition, kind: 'steps', version: next, process: this.options.processId, checkouts: wroteCheckouts };
            await tx.query(`select pg_notify($1, $2)`, [DESK_CHANNEL, JSON.stringify(note)]);
          }
        }
        outcome = draft;
      });
    } catch (e) {
      // Nothing was committed as far as we know; if the commit did land after all, the next catch-up finds it.
      this.mustCatchUp = true;
      for (const p of batch) p.reject(e);
      return;
    }
    // Only now, after the commit, do the steps exist for anyone.
    const committed = performance.now();
    deskTrace?.add('judge', judged);
    deskTrace?.add('commit', committed - started - judged);
    const done = outcome as DrainOutcome | null;
    if (!done) return;
    const from = this.version;
    if (done.steps.length > 0) {
      this.doc = done.doc;
      this.version = from + done.steps.length;
      this.tail.push(done.steps.map((s) => ({ step: s.parsed, clientID: s.clientID, seq: s.seq, source: s.source })));
      this.broadcast({
        type: 'steps',
        version: from,
        steps: done.steps.map((s) => s.step),
        clientIDs: done.steps.map((s) => s.clientID),
        seqs: done.steps.map((s) => s.seq),
        sources: done.steps.map((s) => s.source),
      });
      deskTrace?.add('broadcast', performance.now() - committed);
    }
    await this.setCheckouts(done.checkouts);
    batch.forEach((p, i) => p.resolve(done.results[i]!));
  }

  /** Judges every message of a batch in order on the document as the earlier ones leave it. */
  private async judgeAll(tx: SqlRunner, batch: readonly Pending[], shared: boolean): Promise<DrainOutcome> {
    const { schema } = this.options;
    let checkouts = shared ? await this.readCheckouts(tx, false) : { ...this.checkouts };
    /** Who held what in the database before this batch. */
    let held = { ...checkouts };
    let expired = false;
    const taken = new Map<string, string>();
    let doc = this.doc;
    const steps: DrainStep[] = [];
    const results: SubmitResult[] = [];
    for (const { actor, message } of batch) {
      const { clientID, seq, version } = message;
      const now = this.version + steps.length;
      // A resent message that was committed already (its answer was lost with a connection or a desk).
      if (this.tail.hasMessage(clientID, seq) || steps.some((s) => s.clientID === clientID && s.seq === seq)) {
        results.push({ kind: 'duplicate' });
        continue;
      }
      const tailStart = this.version - this.tail.length;
      if (version > this.version || version < tailStart) {
        results.push({ kind: 'stale', version: now });
        continue;
      }
      let parsed: Step[];
      try {
        parsed = message.steps.map((json) => Step.fromJSON(schema, json));
      } catch (e) {
        results.push(invalid(now, 0, (e as Error).message));
        continue;
      }
      if (message.sources && message.sources.length !== parsed.length) {
        results.push(invalid(now, 0, 'sources do not match the steps'));
        continue;
      }
      // What was committed since the message's version: the log's tail, then this batch's earlier messages.
      const over = [...this.tail.stepsFrom(version - tailStart), ...steps.map((s) => s.parsed)];
      let blocks = new Set<string>();
      const judge = () => {
        blocks = new Set();
        return rebaseMessage(doc, parsed, over, (step, before) => {
          const verdict = judgeStep(stepOwner(step, before), actor, checkouts);
          if (!verdict.ok) return verdict;
          if (verdict.checkout) blocks.add(verdict.checkout);
          return null;
        });
      };
      let rebased = judge();
      if (rebased.kind === 'refused' && rebased.refusal.code === 'checked-out' && !expired) {
        // Someone else holds it: unless their check-out has lapsed.
        held = await this.readCheckouts(tx);
        checkouts = { ...held, ...Object.fromEntries(taken) };
        expired = true;
        rebased = judge();
      }
      if (rebased.kind === 'refused') {
        const { ok: _ok, ...refusal } = rebased.refusal;
        results.push({ kind: 'refused', version: now, index: rebased.index, ...refusal });
        continue;
      }
      doc = rebased.doc;
      const sources = message.sources ?? parsed.map((_, i) => i);
      const made = rebased.sources;
      rebased.steps.forEach((step, k) => {
        steps.push({ step: step.toJSON(), parsed: step, clientID, user: actor.user, seq, source: sources[made[k]!]! });
      });
      // Every step passed the rules: a text step took (or kept) its block's check-out.
      for (const block of blocks) {
        taken.set(block, actor.user);
        checkouts[block] = actor.user;
      }
      results.push({ kind: 'committed', version: this.version + steps.length, count: rebased.steps.length, dropped: rebased.dropped.map((i) => sources[i]!) });
    }
    return { doc, steps, results, checkouts, taken, held };
  }

  /** Gives back a block the actor holds. */
  checkin(actor: DeskActor, block: string): Promise<void> {
    return this.serial(async () => {
      await this.options.db.query(`delete from desk_checkouts where edition = $1 and block = $2 and user_name = $3`, [this.edition, block, actor.user]);
      await this.options.db.query(`select pg_notify($1, $2)`, [DESK_CHANNEL, JSON.stringify({ edition: this.edition, kind: 'checkouts', process: this.options.processId })]);
      await this.setCheckouts(await this.readCheckouts(this.options.db));
    });
  }

  /** Lapses idle check-outs and those of people gone (called on the heartbeat). */
  sweep(): Promise<void> {
    return this.serial(async () => this.setCheckouts(await this.readCheckouts(this.options.db)));
  }

  /** Someone's page and caret (from this process or, through NOTIFY, another). */
  setPresence(key: string, entry: PresenceEntry | null): void {
    if (entry) this.presence.set(key, entry);
    else this.presence.delete(key);
    this.broadcast({ type: 'presence', users: [...this.presence.values()] });
  }
}
