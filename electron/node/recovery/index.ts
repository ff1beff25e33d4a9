/** Crash recovery: the journal of unsaved documents and where it lives. */
export { createJournal, journalId, JOURNAL_VERSION } from './journal';
export type { Journal, JournalOptions, JournalWrite, RecoveredFile } from './journal';
export { defaultRecoveryDir } from './recovery-dir';
