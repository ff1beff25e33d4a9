/**
 * The desk server: HTTP + WebSocket on 127.0.0.1 (TLS and outside access are
 * a reverse proxy's job). Each WebSocket is one client on one edition: it
 * says hello with its name and token, then sends steps, presence and
 * check-ins; the edition's authority answers. A heartbeat records who is
 * connected (check-outs of people gone lapse) and sweeps idle check-outs.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Schema } from 'prosemirror-model';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { PresenceEntry, ServerMessage } from '../../../shared/desk/protocol';
import { MAX_MESSAGE_BYTES, parseClientMessage } from '../../../shared/desk/protocol';
import type { DeskActor } from '../../../shared/desk/rules';
import type { DeskDb } from './desk-db';
import { createTables, DESK_CHANNEL, listEditions } from './desk-store';
import type { DeskUsers } from './desk-users';
import { EditionAuthority } from './edition-authority';
import { ASSETS_PATH, serveAssets } from './desk-assets';
import type { RateLimitOptions } from './desk-rate-limit';
import { DeskRateLimit } from './desk-rate-limit';
import { deskTrace } from './desk-trace';

export interface DeskServerOptions {
  db: DeskDb;
  users: DeskUsers;
  schema: Schema;
  port: number;
  host?: string;
  /** Per-user message rate limit (default DEFAULT_RATE_LIMIT). */
  rateLimit?: RateLimitOptions;
}

export interface DeskServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What the socket accepts at all; between MAX_MESSAGE_BYTES and this, a message is refused in words. */
const SOCKET_MAX_BYTES = 2 * MAX_MESSAGE_BYTES;

export async function startDeskServer(options: DeskServerOptions): Promise<DeskServer> {
  const { db, users, schema } = options;
  const processId = randomUUID();
  await createTables(db);
  const authorities = new Map<string, Promise<EditionAuthority>>();
  const authority = async (edition: string): Promise<EditionAuthority | null> => {
    if (!authorities.has(edition)) {
      if (!(await listEditions(db)).includes(edition)) return null;
      if (!authorities.has(edition)) {
        const loading = EditionAuthority.load({ db, edition, schema, idleMinutes: users.idleMinutes, goneSeconds: users.goneSeconds, processId: processId });
        authorities.set(edition, loading);
        loading.catch(() => authorities.delete(edition));
      }
    }
    return authorities.get(edition)!;
  };

  // Who is connected here, for desk_presence (edition → user → connections).
  const connected = new Map<string, Map<string, number>>();
  const seen = (edition: string, user: string) =>
    db.query(
      `insert into desk_presence (process_id, edition, user_name) values ($1, $2, $3)
       on conflict (process_id, edition, user_name) do update set seen_at = now()`,
      [processId, edition, user],
    );

  await db.listen(DESK_CHANNEL, (payload) => {
    let note: { edition?: string; kind?: string; process?: string; key?: string; entry?: PresenceEntry | null; checkouts?: boolean };
    try {
      note = JSON.parse(payload) as typeof note;
    } catch {
      return;
    }
    if (note.process === processId || typeof note.edition !== 'string') return;
    const loaded = authorities.get(note.edition);
    if (!loaded) return;
    void loaded.then((a) => {
      if (note.kind === 'presence' && typeof note.key === 'string') a.setPresence(note.key, note.entry ?? null);
      // A commit of steps changes check-outs only when it says so; a check-in always does.
      else return a.refresh(note.kind !== 'steps' || note.checkouts !== false);
      return undefined;
    }).catch(() => {});
  });

  const http = createServer((req, res) => {
    if (req.url?.startsWith(ASSETS_PATH)) {
      void serveAssets(req, res, db, users).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('banmian desk: connect with a WebSocket\n');
  });
  const wss = new WebSocketServer({ server: http, maxPayload: SOCKET_MAX_BYTES });
  const limit = new DeskRateLimit(options.rateLimit);
  let nextConnection = 0;

  wss.on('connection', (ws: WebSocket) => {
    const connectionKey = `${processId}/${nextConnection++}`;
    let session: { actor: DeskActor; edition: EditionAuthority; clientID: number } | null = null;
    let joining = false;
    const send = (message: ServerMessage, encoded?: Buffer) => {
      if (ws.readyState !== ws.OPEN) return;
      // A broadcast comes encoded once for all; sent as a text frame all the same.
      if (encoded) ws.send(encoded, { binary: false });
      else ws.send(JSON.stringify(message));
    };
    const subscriber = { send };
    const fatal = (code: string, message: string) => {
      send({ type: 'error', code, message });
      ws.close(1008, code);
    };
    let chain: Promise<void> = Promise.resolve();
    ws.on('message', (data) => {
      const at = performance.now();
      // Messages of one connection are handled in order.
      chain = chain.then(() => handle(data.toString(), at)).catch((e: unknown) => fatal('INTERNAL', (e as Error).message));
    });
    const handle = async (text: string, at: number) => {
      if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) return tooLarge(text);
      const message = parseClientMessage(text);
      if (!message) return fatal('BAD_MESSAGE', 'not a desk message');
      if (session && message.type !== 'hello') {
        const retryMs = limit.take(session.actor.user);
        if (retryMs > 0) {
          // Not handled: the client waits and resends (steps keep their seq, so nothing is lost or doubled).
          send({
            type: 'slow-down',
            retryMs,
            message: `Too many messages from ${session.actor.user}: wait ${retryMs} ms.`,
            messageZh: `${session.actor.user} 发送的消息过多，请等待 ${retryMs} 毫秒。`,
          });
          return;
        }
      }
      if (message.type === 'hello') {
        if (session || joining) return fatal('BAD_MESSAGE', 'hello twice');
        const actor = users.authenticate(message.user, message.token);
        if (!actor) return fatal('UNAUTHORIZED', 'unknown user or wrong token');
        joining = true;
        const edition = await authority(message.edition);
        if (!edition) return fatal('NO_EDITION', `no edition named "${message.edition}"`);
        const perEdition = connected.get(edition.edition) ?? new Map<string, number>();
        connected.set(edition.edition, perEdition);
        perEdition.set(actor.user, (perEdition.get(actor.user) ?? 0) + 1);
        await seen(edition.edition, actor.user);
        await edition.join(subscriber, actor.role, message.version);
        session = { actor, edition, clientID: message.clientID };
        return;
      }
      if (!session) return fatal('BAD_MESSAGE', 'say hello first');
      const { actor, edition } = session;
      if (message.type === 'steps') {
        if (message.clientID !== session.clientID) return fatal('BAD_MESSAGE', 'client id differs from hello');
        let result;
        deskTrace?.add('receive', performance.now() - at);
        try {
          result = await edition.submit(actor, message);
        } catch {
          // The database failed (or a bug): nothing was committed; the client resends (same seq: at most once).
          send({ type: 'stale', version: edition.version });
          return;
        }
        if (result.kind === 'stale') send({ type: 'stale', version: result.version });
        else if (result.kind === 'refused') {
          const { kind: _kind, ...refusal } = result;
          send({ type: 'refused', ...refusal });
        } else if (result.kind === 'committed' && result.count === 0) {
          // None of its steps applied any more: the broadcast carried nothing of it, so answer it here.
          send({ type: 'steps', version: result.version, steps: [], clientIDs: [], answered: message.seq });
        }
      } else if (message.type === 'checkin') {
        await edition.checkin(actor, message.block);
      } else if (message.type === 'presence') {
        const entry: PresenceEntry = { user: actor.user, role: actor.role, page: message.page, anchor: message.anchor, head: message.head };
        edition.setPresence(connectionKey, entry);
        await db.query(`select pg_notify($1, $2)`, [DESK_CHANNEL, JSON.stringify({ edition: edition.edition, kind: 'presence', process: processId, key: connectionKey, entry })]);
      }
    };
    /** A message over MAX_MESSAGE_BYTES: a message of steps is refused in words (its text is reported); anything else ends the connection. */
    const tooLarge = (text: string) => {
      let steps = false;
      try {
        steps = (JSON.parse(text) as { type?: unknown }).type === 'steps';
      } catch {
        // Not JSON: not a desk message at all.
      }
      if (!session || !steps) return fatal('TOO_LARGE', `a desk message may have at most ${MAX_MESSAGE_BYTES} bytes`);
      send({
        type: 'refused',
        version: session.edition.version,
        index: 0,
        code: 'too-large',
        block: null,
        holder: null,
        message: `The change is too large for the desk (more than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB); its text is kept.`,
        messageZh: `此修改过大（超过 ${MAX_MESSAGE_BYTES / 1024 / 1024} MB），版面服务器无法接收；文字已保留。`,
      });
    };
    ws.on('close', () => {
      if (!session) return;
      const { actor, edition } = session;
      edition.leave(subscriber);
      edition.setPresence(connectionKey, null);
      const perEdition = connected.get(edition.edition);
      const left = (perEdition?.get(actor.user) ?? 1) - 1;
      if (left <= 0) perEdition?.delete(actor.user);
      else perEdition?.set(actor.user, left);
      // Last seen now; the row ages out unless they come back.
      void seen(edition.edition, actor.user).catch(() => {});
      void db
        .query(`select pg_notify($1, $2)`, [DESK_CHANNEL, JSON.stringify({ edition: edition.edition, kind: 'presence', process: processId, key: connectionKey, entry: null })])
        .catch(() => {});
    });
    ws.on('error', () => {});
  });

  const heartbeatMs = Math.max(250, Math.min(15_000, (users.goneSeconds * 1000) / 4));
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    void (async () => {
      for (const [edition, perUser] of connected) for (const user of perUser.keys()) await seen(edition, user);
      for (const loading of authorities.values()) await (await loading).sweep();
    })()
      .catch(() => {})
      .finally(() => (beating = false));
  }, heartbeatMs);
  heartbeat.unref();

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
