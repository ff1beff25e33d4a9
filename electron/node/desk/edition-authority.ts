/**
 * The authority for one edition in one desk process. It orders steps: a
 * message of steps made on the current version is judged step by step
 * (shared/desk/rules.ts), committed to the database with the check-outs it
 * takes, and only then sent to every client (the sender recognises its own
 * steps as confirmed). Steps made on an old version get `stale`; a message
 * with a forbidden step gets `refused` naming it — nothing is dropped silently.
 *
 * Several processes may serve one edition on one PostgreSQL: each submission
 * runs under the edition's advisory lock and first catches up with the steps
 * other processes committed, so exactly one of them is the authority at any
 * moment; they learn of each other's commits through LISTEN/NOTIFY.
 */
import type { Node, Schema } from 'prosemirror-model';
import { Step } from 'prosemirror-transform';
import type { Checkouts, DeskRole, PresenceEntry, RefusalCode, ServerMessage } from '../../../shared/desk/protocol';
import type { DeskActor } from '../../../shared/desk/rules';
import { judgeStep } from '../../../shared/desk/rules';
import { stepOwner } from '../../../shared/desk/step-owner';
import type { DeskDb, SqlRunner } from './desk-db';
import { DESK_CHANNEL, editionLockSql, insertSnapshot, insertSteps, latestSnapshot, SNAPSHOT_EVERY, stepsSince } from './desk-store';

/** How often a holder's typing refreshes its check-out's `last_activity`. */
const TOUCH_EVERY_MS = 5000;

export type SubmitResult =
  | { kind: 'committed'; version: number }
  | { kind: 'stale'; version: number }
  | { kind: 'refused'; version: number; index: number; code: RefusalCode; block: string | null; holder: string | null; message: string; messageZh: string };

export interface AuthorityOptions {
  db: DeskDb;
  edition: string;
  schema: Schema;
  idleMinutes: number;
  goneSeconds: number;
  /** This desk's id (in NOTIFY payloads and `desk_presence`; rows of a dead desk age out). */
  processId: string;
}

/** A connected client as the authority sees it. */
export interface AuthoritySubscriber {
  send(message: ServerMessage): void;
}

export class EditionAuthority {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscribers = new Set<AuthoritySubscriber>();
  /** Presence of users on any process: key process/user. */
  private readonly presence = new Map<string, PresenceEntry>();
  /** When this desk last recorded activity on a block (ms). */
  private readonly touched = new Map<string, number>();

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
        if (missing.length > 0) subscriber.send({ type: 'steps', version: since, steps: missing.map((r) => r.step), clientIDs: missing.map((r) => r.client_id) });
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
    for (const s of this.subscribers) s.send(message);
  }

  /** Applies steps other processes committed (called under the lock, or on NOTIFY). */
  private async catchUpWith(db: SqlRunner): Promise<void> {
    const rows = await stepsSince(db, this.edition, this.version);
    if (rows.length === 0) return;
    const from = this.version;
    let doc = this.doc;
    for (const row of rows) {
      const result = Step.fromJSON(this.options.schema, row.step).apply(doc);
      if (!result.doc) throw new Error(`edition ${this.edition}: committed step ${row.version} does not apply: ${result.failed}`);
      doc = result.doc;
    }
    this.doc = doc;
    this.version = from + rows.length;
    this.broadcast({ type: 'steps', version: from, steps: rows.map((r) => r.step), clientIDs: rows.map((r) => r.client_id) });
  }

  /** A NOTIFY said another process committed steps or changed check-outs. */
  refresh(): Promise<void> {
    return this.serial(async () => {
      await this.catchUpWith(this.options.db);
      await this.setCheckouts(await this.readCheckouts(this.options.db));
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

  /** Judges and commits one message of steps made on `version`. */
  submit(actor: DeskActor, clientID: number, version: number, stepsJson: unknown[]): Promise<SubmitResult> {
    return this.serial(async () => {
      const { db, edition, schema } = this.options;
      // Made on a version older than ours: stale without asking the database (our version only grows).
      if (version < this.version) return { kind: 'stale', version: this.version };
      // The embedded database has one desk: nobody else writes, no lock or catch-up needed.
      const shared = db.kind === 'postgres';
      let committed: { doc: Node; checkouts: Checkouts } | null = null;
      const result = await db.transaction(async (tx): Promise<SubmitResult> => {
        if (shared) {
          await tx.query(editionLockSql(), [edition]);
          await this.catchUpWith(tx);
        }
        if (version !== this.version) return { kind: 'stale', version: this.version };
        let checkouts = shared ? await this.readCheckouts(tx, false) : { ...this.checkouts };
        let expired = false;
        let doc = this.doc;
        const taken = new Set<string>();
        for (let index = 0; index < stepsJson.length; index++) {
          let step: Step;
          try {
            step = Step.fromJSON(schema, stepsJson[index]);
          } catch (e) {
            return invalid(version, index, (e as Error).message);
          }
          const owner = stepOwner(step, doc);
          let verdict = judgeStep(owner, actor, checkouts);
          if (!verdict.ok && verdict.code === 'checked-out' && !expired) {
            // Someone else holds it: unless their check-out has lapsed.
            checkouts = await this.readCheckouts(tx);
            expired = true;
            verdict = judgeStep(owner, actor, checkouts);
          }
          if (!verdict.ok) {
            if (expired) committed = { doc: this.doc, checkouts };
            return { kind: 'refused', version, index, ...verdict };
          }
          const applied = step.apply(doc);
          if (!applied.doc) return invalid(version, index, applied.failed ?? 'does not apply');
          doc = applied.doc;
          if (verdict.checkout) taken.add(verdict.checkout);
        }
        await insertSteps(tx, edition, version, stepsJson, clientID, actor.user);
        const now = Date.now();
        for (const block of taken) {
          // Activity is recorded at most every few seconds per block (idle lapses are in minutes).
          if (checkouts[block] === actor.user && now - (this.touched.get(block) ?? 0) < TOUCH_EVERY_MS) continue;
          this.touched.set(block, now);
          await tx.query(
            `insert into desk_checkouts (edition, block, user_name) values ($1, $2, $3)
             on conflict (edition, block) do update set last_activity = now()`,
            [edition, block, actor.user],
          );
          checkouts[block] = actor.user;
        }
        const next = version + stepsJson.length;
        if (Math.floor(next / SNAPSHOT_EVERY) > Math.floor(version / SNAPSHOT_EVERY)) await insertSnapshot(tx, edition, next, doc.toJSON());
        await tx.query(`select pg_notify($1, $2)`, [DESK_CHANNEL, JSON.stringify({ edition, kind: 'steps', version: next, process: this.options.processId })]);
        committed = { doc, checkouts };
        return { kind: 'committed', version: next };
      });
      // Only now, after the commit, do the steps exist for anyone.
      const done = committed as { doc: Node; checkouts: Checkouts } | null;
      if (result.kind === 'committed' && done) {
        const from = this.version;
        this.doc = done.doc;
        this.version = result.version;
        this.broadcast({ type: 'steps', version: from, steps: stepsJson, clientIDs: stepsJson.map(() => clientID) });
      }
      if (done) await this.setCheckouts(done.checkouts);
      return result;
    });
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

function invalid(version: number, index: number, why: string): SubmitResult {
  return {
    kind: 'refused',
    version,
    index,
    code: 'invalid-step',
    block: null,
    holder: null,
    message: `The step does not apply to the edition: ${why}`,
    messageZh: `此修改无法应用于本期版面：${why}`,
  };
}
