/**
 * Copy intake speed, in µs per input character: the punctuation normaliser
 * (shared/text/normalize.ts) and the whole intake (lines, unwrap, structure,
 * cleaning), on the reference page's text and on large texts built from it,
 * beside a baseline of one regular-expression pass over the same text.
 *
 * `npm run bench` prints these after the page measures; `npm run bench:intake`
 * runs them alone (no browser).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { intakeText } from '../shared/intake/intake';
import { normalizeChineseText } from '../shared/text/normalize';
import { summarize } from './stats';
import type { Summary } from './stats';

export interface IntakeRow {
  what: string;
  chars: number;
  /** µs per character, over the runs. */
  banmian: Summary;
  baseline: Summary;
}

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

/**
 * µs per character of `run(text)`, once per run after one warm-up. CPU time
 * of this process, not wall time: the work is single-threaded, and on a
 * shared machine wall time mostly measures the neighbours.
 */
function perChar(text: string, run: (text: string) => unknown, runs = RUNS): Summary {
  run(text);
  // CPU time is counted in scheduler ticks: a sample runs the work over at least 500 000 characters.
  const reps = Math.max(1, Math.ceil(500_000 / text.length));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    for (let r = 0; r < reps; r++) run(text);
    const used = process.cpuUsage(t0);
    samples.push((used.user + used.system) / (text.length * reps));
  }
  return summarize(samples);
}

/** A pass every normaliser must at least make: one regex over the text. */
function baselinePass(text: string): string {
  return text.replace(/[,:;!?]/g, (m) => String.fromCharCode(m.charCodeAt(0) + 0xfee0));
}

/** The text hard-wrapped at 13 characters, as copied out of a PDF of a 对开 page. */
function hardWrapped(text: string): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const chars = [...paragraph];
    if (chars.length === 0) out.push('');
    for (let i = 0; i < chars.length; i += 13) out.push(chars.slice(i, i + 13).join(''));
  }
  return out.join('\n');
}

/** The paragraphs of the text, each on its own, as intake normalises them. */
function paragraphs(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

export function measureIntake(root = resolve('.')): IntakeRow[] {
  const seed = readFileSync(resolve(root, 'fixtures/seed/000_06c4c4664c43f101.txt'), 'utf8');
  const large = seed.repeat(Math.ceil(1_000_000 / seed.length));
  const onePiece = paragraphs(seed).join('').repeat(Math.ceil(200_000 / seed.length));
  const wrapped = hardWrapped(seed.repeat(20));
  // One paragraph with no sentence end, hard-wrapped: every printed line joins the one before.
  const longParagraph = `标题一行\n\n记者 张三\n\n${hardWrapped(paragraphs(seed).join('').replace(/[。！？；：]/g, '，').repeat(70))}。\n`;
  const eachParagraph = (text: string) => {
    const ps = paragraphs(text);
    return (t: string) => (t === text ? ps.forEach((p) => normalizeChineseText(p)) : undefined);
  };
  const rows: IntakeRow[] = [];
  const row = (what: string, text: string, run: (t: string) => unknown, runs = RUNS) =>
    rows.push({ what, chars: text.length, banmian: perChar(text, run, runs), baseline: perChar(text, baselinePass, runs) });
  row('normalise, seed text paragraph by paragraph', seed, eachParagraph(seed));
  row('normalise, 1 MB text paragraph by paragraph', large, eachParagraph(large), 3);
  row('normalise, one 200 k-character paragraph', onePiece, (t) => normalizeChineseText(t), 3);
  row('intake, seed text', seed, intakeText);
  row('intake, 1 MB text (seed repeated)', large, intakeText, 3);
  row('intake, hard-wrapped seed ×20 (PDF copy)', wrapped, intakeText, 3);
  row('intake, one 300 k-character paragraph, hard-wrapped', longParagraph, intakeText, 3);
  return rows;
}

export function printIntakeRows(rows: readonly IntakeRow[]): void {
  const width = Math.max(...rows.map((r) => r.what.length));
  const us = (v: number) => `${v.toFixed(3)} µs/char`;
  console.log(`${'intake measure'.padEnd(width)}  ${'chars'.padStart(9)}  ${'banmian median / p95'.padEnd(30)}  ${'baseline (1 regex) median'.padEnd(26)}  ratio`);
  for (const r of rows) {
    console.log(
      `${r.what.padEnd(width)}  ${String(r.chars).padStart(9)}  ${`${us(r.banmian.median)} / ${us(r.banmian.p95)}`.padEnd(30)}  ${us(r.baseline.median).padEnd(26)}  ${(r.banmian.median / r.baseline.median).toFixed(1)}×`,
    );
  }
}

// Run alone: `node dist/node/bench-intake.mjs`.
if (process.argv[1]?.endsWith('bench-intake.mjs')) printIntakeRows(measureIntake());
