/**
 * The current UI language: a store React reads with useSyncExternalStore.
 * Kept outside React so non-React code (the web host's prompts) can use it.
 */
import { Store } from '../base/store';
import { LANGUAGES } from './strings';
import type { Language, StringKey, Strings } from './strings';

const STORAGE_KEY = 'banmian.language';

function initialLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // Storage can be unavailable (file:// pages, privacy settings): fall back to Chinese.
  }
  return 'zh-CN';
}

const current = new Store<Language>(initialLanguage());

export const language = current.getSnapshot;

export const subscribeLanguage = current.subscribe;

export function setLanguage(next: Language): void {
  if (!current.set(next)) return;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function strings(lang: Language = current.getSnapshot()): Strings {
  return LANGUAGES[lang];
}

/** One UI string in the current language. */
export function t(key: StringKey): string {
  return LANGUAGES[current.getSnapshot()][key];
}
