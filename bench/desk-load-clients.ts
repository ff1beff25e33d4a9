/**
 * A group of the load bench's simulated clients (bench/desk-load.ts): they
 * connect to a desk, type unique characters into their stories at random
 * moments, and record when each character was typed, sent, confirmed to its
 * sender and applied at every other client. The group runs either on the
 * bench's main thread or in a worker thread (desk-load-worker.ts), one event
 * loop per group, so the bench's own event loop is not what the latency
 * measures. Times are wall-clock milliseconds (timeOrigin + now), comparable
 * across threads and with the desk process's trace.
 */
import { createHash } from 'node:crypto';
import { schema } from '../shared/model/schema';
import { NodeDeskClient } from '../electron/node/desk/desk-client';
import { storyText, typeInto } from './desk-page';

/** One simulated client: which desk, who, which story, which characters it may type. */
export interface ClientSpec {
  /** Index among all the bench's clients (the sender of its characters). */
  index: number;
  url: string;
  edition: string;
  user: string;
  token: string;
  story: string;
  /** Code points this client types, in order (unique across all clients). */
  firstChar: number;
  charCount: number;
}

export interface GroupOptions {
  /** Characters per second per client, on average. */
  rate: number;
}

/** A character typed: by which client, into which story, when typed, sent and confirmed. */
export interface TypedChar {
  ch: string;
  sender: number;
  story: string;
  typedAt: number;
  sentAt?: number;
  confirmedAt?: number;
}

/** What a group reports at the end. */
export interface GroupResult {
  typed: TypedChar[];
  /** Characters applied at a client other than their sender: [character, when] (flattened pairs). */
  applied: Array<[string, number]>;
  lostReports: number;
  errors: number;
  /** SHA-256 of each client's document JSON. */
  docHashes: string[];
  /** Every story's text in the group's first client. */
  texts: Record<string, string>;
}

export interface GroupStatus {
  versions: number[];
  settled: boolean[];
}

const now = () => performance.timeOrigin + performance.now();

/** Code point → text (Extension A and the basic block, all in the BMP). */
function charAt(code: number): string {
  return String.fromCharCode(code);
}

/** The inserted text of a step as sent or broadcast (a replace step's slice), if any. */
function stepText(step: unknown): string | undefined {
  return (step as { slice?: { content?: Array<{ text?: string }> } }).slice?.content?.[0]?.text;
}

export class ClientGroup {
  private readonly clients: NodeDeskClient[] = [];
  private readonly typed = new Map<string, TypedChar>();
  private readonly applied: Array<[string, number]> = [];
  private readonly next: number[];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly specs: readonly ClientSpec[],
    private readonly options: GroupOptions,
  ) {
    this.next = specs.map(() => 0);
  }

  async connect(): Promise<void> {
    for (const spec of this.specs) {
      const client = new NodeDeskClient({
        url: spec.url,
        edition: spec.edition,
        user: spec.user,
        token: spec.token,
        schema,
        tap: {
          sent: (text) => {
            if (!text.startsWith('{"type":"steps"')) return;
            const t = now();
            for (const step of (JSON.parse(text) as { steps: unknown[] }).steps) {
              const typed = this.typed.get(stepText(step) ?? '');
              if (typed && typed.sentAt === undefined) typed.sentAt = t;
            }
          },
        },
      });
      // Visible = applied: time taken after the session has applied a broadcast.
      const receive = client.session.receive.bind(client.session);
      client.session.receive = (text: string) => {
        receive(text);
        if (!text.startsWith('{"type":"steps"')) return;
        const t = now();
        const message = JSON.parse(text) as { steps: unknown[]; clientIDs: number[] };
        message.steps.forEach((step, k) => {
          const ch = stepText(step);
          if (ch === undefined) return;
          if (message.clientIDs[k] === client.clientID) {
            const typed = this.typed.get(ch);
            if (typed && typed.confirmedAt === undefined) typed.confirmedAt = t;
          } else this.applied.push([ch, t]);
        });
      };
      await client.connect();
      this.clients.push(client);
    }
  }

  /**
   * Starts typing at `rate` characters a second per client on average, at
   * random moments. The rate holds even when the timer runs late (a busy
   * event loop): each tick types what the time since the last one is owed.
   */
  startTyping(): void {
    let last = performance.now();
    this.timer = setInterval(() => {
      const at = performance.now();
      const owed = (this.options.rate * (at - last)) / 1000;
      last = at;
      this.specs.forEach((spec, i) => {
        const n = Math.floor(owed) + (Math.random() < owed - Math.floor(owed) ? 1 : 0);
        for (let k = 0; k < n; k++) {
          if (this.next[i]! >= spec.charCount) throw new RangeError('out of unique characters: lower --seconds or --rate');
          const ch = charAt(spec.firstChar + this.next[i]!++);
          this.typed.set(ch, { ch, sender: spec.index, story: spec.story, typedAt: now() });
          typeInto(this.clients[i]!, spec.story, ch);
        }
      });
    }, 20);
  }

  stopTyping(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): GroupStatus {
    return {
      versions: this.clients.map((c) => c.version),
      settled: this.clients.map((c) => c.synced && c.session.online),
    };
  }

  result(stories: readonly string[]): GroupResult {
    const doc = this.clients[0]!.state!.doc;
    return {
      typed: [...this.typed.values()],
      applied: this.applied,
      lostReports: this.clients.reduce((n, c) => n + c.lost.length, 0),
      errors: this.clients.reduce((n, c) => n + c.events.filter((e) => e.type === 'error').length, 0),
      docHashes: this.clients.map((c) => createHash('sha256').update(JSON.stringify(c.state!.doc.toJSON())).digest('hex')),
      texts: Object.fromEntries(stories.map((s) => [s, storyText(doc, s)])),
    };
  }

  close(): void {
    this.stopTyping();
    for (const c of this.clients) c.close();
  }
}
