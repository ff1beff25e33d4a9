import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The reference page's text, as received (UTF-8, LF, ASCII punctuation faults). */
export const SEED_PATH = fileURLToPath(new URL('../../../fixtures/seed/000_06c4c4664c43f101.txt', import.meta.url));
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');
