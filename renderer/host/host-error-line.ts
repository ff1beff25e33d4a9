/**
 * A host failure as the person at the screen reads it: in the UI language,
 * the failure's own Chinese line when the host gave one, else the code's line
 * with the detail (shared/host/host-error.ts).
 */
import type { HostError } from '../../shared/result';
import { hostErrorText } from '../../shared/host/host-error';
import { language } from '../i18n/i18n';

export function hostErrorLine(error: HostError): string {
  return hostErrorText(error, language());
}
