/**
 * Validation of stored pages.
 *
 * Validation returns data, never throws: a list of findings, each with a
 * level and a one-line message that names where the problem is.
 */

export type FindingLevel = 'error' | 'warning';

export interface Finding {
  level: FindingLevel;
  message: string;
  /** The block the finding is about, when there is one. */
  blockId?: string;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.level === 'error');
}
