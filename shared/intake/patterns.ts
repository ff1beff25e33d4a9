/**
 * Line-level patterns of Chinese newsroom copy: sentence ends, labels,
 * bylines, photo credits. Pure predicates; the recogniser combines them with
 * context (what comes before and after a line).
 */
import type { Byline, Credit, Person } from './types';

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** A personal name as printed in bylines: 2–4 Han characters, or a minority name with ·. */
const NAME = `[${HAN}]{1,4}(?:[·•・][${HAN}]{1,6})?`;
/** Roles that precede names in bylines and credits. */
const ROLE =
  '(?:本报|新华社|中新社|特约|见习|首席|实习|摄影|融媒体)?(?:首席)?(?:记者|通讯员|实习生|摄影记者|摄影|编辑)';

/** Marks that end a sentence (and so a paragraph), before any closing quotes or brackets. */
const SENTENCE_END = /[。！？!?…；;：:][”’」』）)】〗〕》\]"']*$/u;
/** Chinese ending a paragraph with `——` (a dash opening a list) does not end it. */

/** True when `text` ends a sentence: 。！？…；： possibly followed by closing quotes. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** Length of a line as a reader counts it: characters, not UTF-16 units. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Section labels seen on Chinese dailies' pages. Matched whole-line. */
export const KNOWN_LABELS: readonly string[] = [
  '今日视点',
  '导读',
  '今日导读',
  '本期导读',
  '大美萧山',
  '要闻',
  '本版导读',
  '图片新闻',
  '新闻速递',
  '新闻链接',
  '链接',
  '短评',
  '评论',
  '时评',
  '社评',
  '本报评论员',
  '编者按',
  '记者手记',
  '镜头',
  '一线传真',
  '聚焦',
  '关注',
  '特别报道',
  '深度',
  '民生',
  '财经',
  '体育',
];

/** Labels whose following short lines are teaser items (a 导读 box). */
export const TEASER_LABELS: readonly string[] = ['导读', '今日导读', '本期导读', '本版导读'];

export function isKnownLabel(text: string): boolean {
  return KNOWN_LABELS.includes(text.replace(/\s+/g, ''));
}

/** A short label-like line: up to 6 Han characters, nothing else. */
export function looksLikeLabel(text: string): boolean {
  return new RegExp(`^[${HAN}]{2,6}$`, 'u').test(text);
}

function parsePeople(text: string): Person[] {
  const people: Person[] = [];
  let role = '';
  const tokens = text
    .replace(new RegExp(`(${ROLE})`, 'gu'), ' $1 ')
    .split(/[\s、,，/／]+/u)
    .filter(Boolean);
  const roleOnly = new RegExp(`^${ROLE}$`, 'u');
  for (const token of tokens) {
    if (roleOnly.test(token)) role = token;
    else people.push({ role, name: token });
  }
  return people;
}

/**
 * The next name of a list: after separators (and maybe a role), or right
 * after a role. Two names always have something between them: with nothing,
 * a run of Han characters could be cut into names in exponentially many
 * ways, and a long paragraph opening with 记者 would hang the matcher.
 */
const NEXT_NAME = `(?:[\\s、，,]+(?:${ROLE}\\s*)?|${ROLE}\\s*)${NAME}`;
const PEOPLE = `(?:${ROLE}\\s*)?${NAME}(?:${NEXT_NAME})*`;
const STANDALONE_BYLINE = new RegExp(`^(?:文[/／]\\s*)?${ROLE}\\s*${NAME}(?:${NEXT_NAME})*$`, 'u');
/** Longest line taken for a standalone byline (several roles and names), in characters. */
const MAX_BYLINE_CHARS = 60;
const PAREN_PEOPLE = `[（(]\\s*(${PEOPLE})\\s*[)）]`;
/** 本报讯, 本报北京讯; 新华社北京11月20日电; 中新网杭州11月20日电. */
const DATELINE = `(?:本报[${HAN}]{0,6}讯|(?:新华社|中新社|中新网|人民网|央视网|新华网|光明网|浙江在线)[${HAN}]{0,8}?\\d{1,2}月\\d{1,2}日电|(?:新华社|中新社)[${HAN}]{0,8}?电)`;
const RUN_IN = new RegExp(`^(${DATELINE})\\s*(?:${PAREN_PEOPLE})?`, 'u');

function bylineText(dateline: string | undefined, people: Person[]): string {
  const names = groupPeople(people);
  if (!dateline) return names;
  return names ? `${dateline}（${names}）` : dateline;
}

/** `记者 X Y 通讯员 Z`: names of one role share it once. */
function groupPeople(people: Person[]): string {
  const parts: string[] = [];
  let lastRole: string | null = null;
  for (const p of people) {
    if (p.role !== lastRole && p.role) parts.push(p.role);
    parts.push(p.name);
    lastRole = p.role;
  }
  return parts.join(' ');
}

/**
 * A whole line that is a byline: `首席记者 蒋超`, `记者 X 通讯员 Y`,
 * `本报讯(记者 X)` with nothing after, `新华社北京11月20日电`.
 */
export function parseStandaloneByline(text: string): Byline | null {
  const compact = text.trim();
  if (charLength(compact) > MAX_BYLINE_CHARS) return null;
  if (STANDALONE_BYLINE.test(compact)) {
    const people = parsePeople(compact.replace(/^文[/／]\s*/u, ''));
    return { text: groupPeople(people), runIn: false, people };
  }
  const runIn = RUN_IN.exec(compact);
  if (runIn && runIn[0].length === compact.length) {
    const people = runIn[2] ? parsePeople(runIn[2]) : [];
    return { text: bylineText(runIn[1], people), runIn: false, dateline: runIn[1]!, people };
  }
  return null;
}

/**
 * A byline that opens a paragraph: `本报讯(记者 靳林杰 通讯员 高倩倩)近日,…`.
 * Returns the byline and the paragraph text after it, or null.
 */
export function parseRunInByline(text: string): { byline: Byline; rest: string } | null {
  const m = RUN_IN.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  if (!rest) return null;
  const people = m[2] ? parsePeople(m[2]) : [];
  return { byline: { text: bylineText(m[1], people), runIn: true, dateline: m[1]!, people }, rest };
}

const CREDIT_BODY = `(?:${ROLE}\\s*)?${NAME}(?:[\\s、，,]+(?:${ROLE}\\s*)?${NAME})*\\s*[/／]?\\s*摄(?:影)?`;
const CREDIT_LINE = new RegExp(`^[（(]?\\s*(${CREDIT_BODY})\\s*[)）]?$`, 'u');
/** A credit at the end of a caption: after a space, after a sentence end, or in parentheses. */
const TRAILING_CREDIT = new RegExp(
  `(?:(?<=[。！？!?”])\\s*|\\s+)[（(]?\\s*(${CREDIT_BODY})\\s*[)）]?$|[（(]\\s*(${CREDIT_BODY})\\s*[)）]$`,
  'u',
);

function makeCredit(raw: string): Credit {
  const text = raw.replace(/\s+/gu, ' ').trim();
  const people = parsePeople(text.replace(/\s*[/／]?\s*摄(?:影)?$/u, ''));
  return { text, people };
}

/** A line that is only a photo credit: `记者 方方斌摄`, `(丁力 摄)`. */
export function parseCreditLine(text: string): Credit | null {
  const m = CREDIT_LINE.exec(text.trim());
  return m ? makeCredit(m[1]!) : null;
}

/** A caption ending in its credit: `…一角。 记者丁力摄` → caption and credit. */
export function splitTrailingCredit(text: string): { caption: string; credit: Credit } | null {
  // Cheap test first: the regex below is costly on long body paragraphs.
  if (!text.slice(-4).includes('摄')) return null;
  const m = TRAILING_CREDIT.exec(text);
  if (!m || m.index === 0) return null;
  const caption = text.slice(0, m.index).trim();
  if (!caption) return null;
  return { caption, credit: makeCredit((m[1] ?? m[2])!) };
}

/** A teaser item's page reference at its end: `▶3版`, `（详见第3版）`, `>>A2`. */
const PAGE_REF = /\s*(?:[（(]\s*(?:详见|见)?\s*第?\s*([A-Za-z]?\d{1,3})\s*版\s*[)）]|(?:▶|►|→|>>|》)\s*(?:第)?\s*([A-Za-z]?\d{1,3})\s*版?)$/u;

export function splitPageRef(text: string): { text: string; page: string } {
  const m = PAGE_REF.exec(text);
  if (!m) return { text, page: '' };
  return { text: text.slice(0, m.index).trim(), page: (m[1] ?? m[2])! };
}

/** Characters a Chinese phrase does not end on: particles, conjunctions, prepositions. */
const DANGLING_END = /[的地得和与及或在对把被将从向于以而并且但也都还又就才是让使给跟同比由之其所]$/u;
/** Clause punctuation inside a line: a crosshead or headline rarely has it, a sentence does. */
const CLAUSE_MARK = /[，,、；;：:]/u;
/** 了 inside a line (实现了应用…): a verb phrase running on, as in a sentence. */
const RUNNING_LE = /了[^\s”’」』）)]/u;

/**
 * True when a short line reads as the start of a sentence cut off by a
 * column or page break rather than as a crosshead: it has clause
 * punctuation, a 了 mid-phrase, or ends on a particle or preposition.
 */
export function looksLikeFragment(text: string): boolean {
  return CLAUSE_MARK.test(text) || RUNNING_LE.test(text) || DANGLING_END.test(text);
}
