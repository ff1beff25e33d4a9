/**
 * The current UI language: a tiny store React reads with useSyncExternalStore.
 * Kept outside React so non-React code (the web host's prompts) can use it.
 */
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

let current: Language = initialLanguage();
const listeners = new Set<() => void>();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function strings(lang: Language = current): Strings {
  return LANGUAGES[lang];
}

/** One UI string in the current language. */
export function t(key: StringKey): string {
  return LANGUAGES[current][key];
}
