/**
 * Turning untrusted JSON into a page node: bounded depth, zod, the schema,
 * then the semantic checks. Never throws for bad input.
 */
import type { Node } from 'prosemirror-model';
import { checkPage } from './check-page';
import { jsonDepth, MAX_JSON_DEPTH, pageJsonSchema } from './page-json';
import { schema } from './schema';
import { dropRedundantOverrides } from './styles-adopt';
import type { PageSettings } from '../page/settings';
import type { Finding } from './validation';
import { hasErrors } from './validation';

export type LoadPageResult = { ok: true; doc: Node; findings: Finding[] } | { ok: false; findings: Finding[] };

function zodPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'page' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

export function pageFromJson(json: unknown): LoadPageResult {
  if (jsonDepth(json) > MAX_JSON_DEPTH) {
    return { ok: false, findings: [{ level: 'error', message: `page is nested deeper than ${MAX_JSON_DEPTH} levels` }] };
  }
  const parsed = pageJsonSchema.safeParse(json);
  if (!parsed.success) {
    const findings = parsed.error.issues.slice(0, 10).map<Finding>((issue) => ({
      level: 'error',
      message: `${zodPath(issue.path)}: ${issue.message}`,
    }));
    return { ok: false, findings };
  }
  let doc: Node;
  try {
    // Old pages stored every type attribute; those equal to their style are not overrides.
    doc = schema.nodeFromJSON(dropRedundantOverrides(parsed.data, parsed.data.attrs.settings as PageSettings));
    doc.check();
  } catch (e) {
    return { ok: false, findings: [{ level: 'error', message: `not a valid page: ${(e as Error).message}` }] };
  }
  const findings = checkPage(doc);
  if (hasErrors(findings)) return { ok: false, findings };
  return { ok: true, doc, findings };
}

/** The stored form of a page node. */
export function pageToJson(doc: Node): unknown {
  return doc.toJSON();
}
