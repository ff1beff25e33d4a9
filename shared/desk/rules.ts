/**
 * The desk's rules for one step, InCopy's model: geometry and structure belong
 * to the layout role (美编); the text of a block belongs to whoever has it
 * checked out (taken on the first keystroke); a reporter may edit only the
 * text of its own stories. Pure: the authority applies the verdict and keeps
 * the check-out table.
 */
import type { Checkouts, DeskRole, RefusalCode } from './protocol';
import type { StepOwner } from './step-owner';

/** The user a step comes from, as the authority knows it. */
export interface DeskActor {
  user: string;
  role: DeskRole;
  /** For a reporter: the ids of its own stories. */
  stories: readonly string[];
}

export type Verdict =
  /** Allowed; `checkout` is the block whose text the actor now holds (taken or kept). */
  | { ok: true; checkout: string | null }
  | { ok: false; code: RefusalCode; block: string | null; holder: string | null; message: string; messageZh: string };

/** May `actor` make a step touching `owner`, given who holds what? */
export function judgeStep(owner: StepOwner, actor: DeskActor, checkouts: Readonly<Checkouts>): Verdict {
  if (owner.kind === 'layout') {
    if (actor.role === 'layout') return { ok: true, checkout: null };
    return {
      ok: false,
      code: 'layout-only',
      block: null,
      holder: null,
      message: 'Only the layout editor may move, resize, place or delete blocks and change the page.',
      messageZh: '只有美编可以移动、缩放、放置或删除版块，或更改版面设置。',
    };
  }
  const block = owner.block;
  if (actor.role === 'reporter' && !actor.stories.includes(block)) {
    return {
      ok: false,
      code: 'not-your-story',
      block,
      holder: null,
      message: `A reporter may edit only their own stories; “${block}” is not one of ${actor.user}’s.`,
      messageZh: `记者只能修改自己的稿件；“${block}”不是${actor.user}的稿件。`,
    };
  }
  const holder = Object.hasOwn(checkouts, block) ? checkouts[block] : undefined;
  if (holder !== undefined && holder !== actor.user) {
    return {
      ok: false,
      code: 'checked-out',
      block,
      holder,
      message: `“${block}” is checked out by ${holder}; wait until they check it in.`,
      messageZh: `“${block}”已由${holder}签出，请待其签入后再修改。`,
    };
  }
  return { ok: true, checkout: block };
}
