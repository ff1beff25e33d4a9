/**
 * `npm run bench:desk`: the desk under load on loopback. 20 simulated clients
 * (10 users, two clients each, as one person with two windows) type into 10
 * stories for a bounded time against one desk process (embedded PGlite, then
 * PostgreSQL), then spread over two desk processes on one PostgreSQL; then a
 * desk is killed with SIGKILL at random moments under load and restarted.
 * Reports characters lost (must be 0), whether the documents are identical,
 * the latency from a keystroke to its being visible at the other clients
 * (median / p95), and confirmed steps lost to kills (must be 0).
 *
 * Options: --seconds N (typing time per scenario, default 30; the issue's
 * figure is 120), --kills N (default 20), --rate N (characters per second per
 * client, default 5), --only pglite,postgres,two-desks,kill. The clients all run in this process; their own CPU time
 * is part of the latency measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { schema } from '../shared/model/schema';
import { NodeDeskClient } from '../electron/node/desk/desk-client';
import { writeBanmianFile } from '../electron/node/storage';
import { pageWithStories, settle, storyText, typeInto, USERS } from './desk-page';
import { postgresBin, startTestPostgres } from './desk-postgres';
import type { TestPostgres } from './desk-postgres';
import type { DeskProcess, DeskProcessOptions } from './desk-process';
import { cliBuilt, freePort, startDeskProcess, writeUsersFile } from './desk-process';
import { fmt, summarize } from './stats';

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, kills: { type: 'string' }, rate: { type: 'string' }, only: { type: 'string' } },
});
/** Which scenarios run: pglite, postgres, two-desks, kill (comma-separated; all by default). */
const ONLY = new Set((values.only ?? 'pglite,postgres,two-desks,kill').split(','));
const SECONDS = Math.min(600, Number(values.seconds ?? 30));
const KILLS = Math.min(50, Number(values.kills ?? 20));
const RATE = Math.min(50, Number(values.rate ?? 5));
const CLIENTS = 20;
const STORIES = 10;
const EDITION = 'load';

/** Unique characters: CJK Unified Ideographs, then Extension A. */
const FIRST = 0x4e00;
const LAST = 0x9fff;
let nextChar = FIRST;
function uniqueChar(): string {
  if (nextChar > LAST) throw new RangeError('out of unique characters: lower --seconds or --rate');
  return String.fromCharCode(nextChar++);
}

interface ScenarioResult {
  name: string;
  typed: number;
  lost: number;
  duplicated: number;
  identical: boolean;
  refusedOrLost: number;
  errors: number;
  latency: ReturnType<typeof summarize>;
  /** Median latency of each typing client's characters. */
  senderMedians: number[];
  kills?: number;
}

interface Typist {
  client: NodeDeskClient;
  story: string;
}

async function runScenario(
  name: string,
  desks: () => DeskProcess[],
  options: { seconds: number; clients: number; killer?: () => Promise<number> },
): Promise<ScenarioResult> {
  nextChar = FIRST;
  const typedAt = new Map<string, { t: number; sender: number }>();
  const latencies: number[] = [];
  /** Per typing client: the latencies of its characters (shows whether some clients starve). */
  const bySender: number[][] = Array.from({ length: options.clients }, () => []);
  const typists: Typist[] = [];
  for (let i = 0; i < options.clients; i++) {
    const user = USERS.users.find((u) => u.name === `bench${Math.floor(i / 2)}`)!;
    const desk = desks()[i % desks().length]!;
    const client = new NodeDeskClient({ url: desk.url, edition: EDITION, user: user.name, token: user.token, schema });
    // Time from a keystroke at one client to its step arriving at another.
    const receive = client.session.receive.bind(client.session);
    client.session.receive = (text: string) => {
      const message = JSON.parse(text) as { type: string; steps?: Array<{ slice?: { content?: Array<{ text?: string }> } }>; clientIDs?: number[] };
      receive(text);
      if (message.type !== 'steps') return;
      const now = performance.now();
      message.steps!.forEach((step, k) => {
        if (message.clientIDs![k] === client.clientID) return;
        const typedWhen = typedAt.get(step.slice?.content?.[0]?.text ?? '');
        if (typedWhen === undefined) return;
        latencies.push(now - typedWhen.t);
        bySender[typedWhen.sender]!.push(now - typedWhen.t);
      });
    };
    await client.connect();
    typists.push({ client, story: `s${(Math.floor(i / 2) % STORIES) + 1}` });
  }
  const typed = new Map<string, string[]>();
  const deadline = performance.now() + options.seconds * 1000;
  let kills = 0;
  let killing = options.killer !== undefined;
  const killed = options.killer ? options.killer().then((n) => ((kills = n), (killing = false))) : Promise.resolve();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      // Typing goes on while a killer is still at work: the kills happen under load.
      if (performance.now() > deadline && !killing) {
        clearInterval(tick);
        resolve();
        return;
      }
      for (const [sender, t] of typists.entries()) {
        // Each client types at RATE characters a second on average, at random moments.
        if (Math.random() > RATE / 50) continue;
        const ch = uniqueChar();
        typedAt.set(ch, { t: performance.now(), sender });
        typed.set(t.story, [...(typed.get(t.story) ?? []), ch]);
        typeInto(t.client, t.story, ch);
      }
    }, 20);
  });
  await killed;
  const clients = typists.map((t) => t.client);
  await settle(clients, 180_000);
  const doc = clients[0]!.state!.doc;
  let lost = 0;
  let duplicated = 0;
  let total = 0;
  for (const [story, chars] of typed) {
    const text = storyText(doc, story);
    for (const ch of chars) {
      total++;
      const count = text.split(ch).length - 1;
      if (count === 0) lost++;
      if (count > 1) duplicated++;
    }
  }
  const result: ScenarioResult = {
    name,
    typed: total,
    lost,
    duplicated,
    identical: clients.every((c) => c.state!.doc.eq(doc)),
    refusedOrLost: clients.reduce((n, c) => n + c.lost.length, 0),
    errors: clients.reduce((n, c) => n + c.events.filter((e) => e.type === 'error').length, 0),
    latency: summarize(latencies),
    senderMedians: bySender.map((l) => summarize(l).median),
    ...(options.killer ? { kills } : {}),
  };
  for (const c of clients) c.close();
  return result;
}

function report(r: ScenarioResult): void {
  console.log(
    `${r.name}: ${r.typed} characters typed, ${r.lost} lost, ${r.duplicated} duplicated, documents ${r.identical ? 'identical' : 'DIFFER'}, ` +
      `${r.refusedOrLost} steps reported lost/refused, ${r.errors} errors${r.kills !== undefined ? `, ${r.kills} kills` : ''}; ` +
      (r.kills !== undefined
        ? 'latency not meaningful (includes restarts)'
        : `remote edit visible: median ${fmt(r.latency.median)}, p95 ${fmt(r.latency.p95)} (n=${r.latency.n}); ` +
          `per typing client medians ${fmt(Math.min(...r.senderMedians))} … ${fmt(Math.max(...r.senderMedians))}`),
  );
}

async function main(): Promise<number> {
  if (!cliBuilt()) {
    console.error('bench:desk: build first (node scripts/build.mjs node)');
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'banmian-desk-bench-'));
  const servers: TestPostgres[] = [];
  const running: DeskProcess[] = [];
  const results: ScenarioResult[] = [];
  try {
    const file = join(dir, `${EDITION}.banmian`);
    const written = await writeBanmianFile(file, { pages: [pageWithStories(STORIES).toJSON()], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
    const usersFile = join(dir, 'users.json');
    writeUsersFile(usersFile, USERS);
    const start = async (tag: string, db?: string): Promise<DeskProcessOptions> => ({
      port: await freePort(),
      stateHome: join(dir, tag),
      usersFile,
      db,
      files: [file],
    });
    const launch = async (o: DeskProcessOptions) => {
      const p = await startDeskProcess(o);
      running.push(p);
      return p;
    };
    const pgBin = postgresBin();
    if (!pgBin) console.log('bench:desk: PostgreSQL is not installed; PGlite only');

    // 1. One desk, embedded PGlite.
    if (ONLY.has('pglite')) {
      const desk = await launch(await start('pglite'));
      const r = await runScenario(`one desk, PGlite, ${CLIENTS} clients, ${SECONDS} s`, () => [desk], { seconds: SECONDS, clients: CLIENTS });
      report(r);
      results.push(r);
      await desk.stop();
    }
    if (pgBin && ONLY.has('postgres')) {
      // 2. One desk on PostgreSQL.
      const pg = startTestPostgres(pgBin);
      servers.push(pg);
      const one = await launch(await start('pg-one', pg.url));
      const r = await runScenario(`one desk, PostgreSQL, ${CLIENTS} clients, ${SECONDS} s`, () => [one], { seconds: SECONDS, clients: CLIENTS });
      report(r);
      results.push(r);
      await one.stop();
    }
    if (pgBin && ONLY.has('two-desks')) {
      // 3. Two desks on one PostgreSQL, clients alternating between them.
      const pg2 = startTestPostgres(pgBin);
      servers.push(pg2);
      const a = await launch(await start('pg-a', pg2.url));
      const b = await launch(await start('pg-b', pg2.url));
      const r = await runScenario(`two desks, one PostgreSQL, ${CLIENTS} clients, ${SECONDS} s`, () => [a, b], { seconds: SECONDS, clients: CLIENTS });
      report(r);
      results.push(r);
      await a.stop();
      await b.stop();
    }
    // 4. Kill -9 under load, on each database.
    for (const backend of !ONLY.has('kill') ? [] : pgBin ? ['pglite', 'postgres'] : ['pglite']) {
      let db: string | undefined;
      if (backend === 'postgres') {
        const pg = startTestPostgres(pgBin!);
        servers.push(pg);
        db = pg.url;
      }
      const options = await start(`kill-${backend}`, db);
      let desk = await launch(options);
      const killer = async () => {
        for (let k = 0; k < KILLS; k++) {
          await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
          await desk.kill();
          desk = await launch(options);
        }
        return KILLS;
      };
      // Typing lasts as long as the kills take (at least a few seconds).
      const r = await runScenario(`kill -9 ×${KILLS}, ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}, 6 clients`, () => [desk], {
        seconds: 3,
        clients: 6,
        killer,
      });
      report(r);
      results.push(r);
      await desk.stop();
    }
  } finally {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
    for (const s of servers) s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const bad = results.filter((r) => r.lost > 0 || r.duplicated > 0 || !r.identical || r.errors > 0);
  console.log(bad.length === 0 ? 'bench:desk: 0 characters lost, documents identical, no confirmed step lost' : `bench:desk: FAILED in ${bad.map((r) => r.name).join('; ')}`);
  return bad.length === 0 ? 0 : 1;
}

process.exitCode = await main();
