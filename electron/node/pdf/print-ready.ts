/**
 * The print half of an export: Chromium's PDF, loaded once, → print-ready
 * variant (post-processing stages, then saved), then preflight over the page
 * documents and the PDF.
 * Preflight errors stop the export unless `force` is set.
 */
import { readFileSync } from 'node:fs';
import type { MeasuredOverset } from '../../../shared/copyfit/block-fit';
import type { PageSettings } from '../../../shared/page/settings';
import { pageFromJson } from '../../../shared/model/load-page';
import type { InkUnderText } from '../../../shared/preflight/black-over-image';
import type { PreflightFinding, PreflightLimits } from '../../../shared/preflight/finding';
import { formatFinding, preflightErrors } from '../../../shared/preflight/finding';
import type { AssetSizes } from '../../../shared/preflight/preflight-page';
import { preflightPage } from '../../../shared/preflight/preflight-page';
import { preflightPdf } from '../../../shared/preflight/preflight-pdf';
import { EXPORT_CANCELLED } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { inspectPdf } from './inspect-pdf';
import type { PDFDocument } from 'pdf-lib';
import type { PipelineHooks } from './pdf-pipeline';
import type { PdfVariant, PostProcessReport } from './post-process';
import { postProcessDocument, savePrintPdf } from './post-process';
import { readIccInfo } from './output-profile';
import { bleedOf } from './post-process-options';

/** What the caller of an export asks of the print file. */
export interface PrintPdfRequest {
  variant: PdfVariant;
  bleedMm?: number;
  marks?: boolean;
  /** Output profile; default the shipped IFRA26 newsprint profile. */
  profilePath?: string;
  maxPpi?: number;
  jpegQuality?: number;
  /** Export even when preflight finds errors. */
  force?: boolean;
  limits?: Partial<PreflightLimits>;
  /** Receives every finding, before the export succeeds or stops. */
  onPreflight?: (findings: PreflightFinding[]) => void;
  /** Receives the post-processing report (timings, images). */
  onReport?: (report: PostProcessReport) => void;
  /** Called when post-processing is done and preflight starts. */
  onChecking?: () => void;
  /** Cancels post-processing and preflight at their next safe point (result code CANCELLED). */
  signal?: AbortSignal;
}

export { bleedOf } from './post-process-options';

export interface PrintContext {
  /** Validated page JSON, in order. */
  pages: readonly unknown[];
  settings: PageSettings;
  assets: AssetSizes;
  /** Overset per block id, one map per page, as laid out for print; null when not measured. */
  overset: readonly Record<string, MeasuredOverset>[] | null;
  title: string;
  /** Bleed Chromium printed around the paper, mm (the page was laid out with it). */
  sourceBleedMm?: number;
  /** Per page, the measured ink under black text over pictures (see shared/preflight/black-over-image). */
  inkUnderText?: readonly ReadonlyMap<string, InkUnderText>[];
}

/** Preflight over the page documents alone. */
export function preflightDocuments(ctx: Omit<PrintContext, 'title' | 'settings'>, limits?: Partial<PreflightLimits>): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  ctx.pages.forEach((json, i) => {
    const loaded = pageFromJson(json);
    if (!loaded.ok) return;
    const overset = ctx.overset ? new Map(Object.entries(ctx.overset[i] ?? {})) : null;
    findings.push(...preflightPage({ doc: loaded.doc, page: i + 1, assets: ctx.assets, overset, limits, inkUnderText: ctx.inkUnderText?.[i] }));
  });
  return findings;
}

export async function makePrintReady(
  doc: PDFDocument,
  ctx: PrintContext,
  req: PrintPdfRequest,
  hooks: Pick<PipelineHooks, 'onStage'> = {},
): Promise<Result<{ pdf: Uint8Array; findings: PreflightFinding[] }>> {
  const { edition, paper } = ctx.settings;
  let outputCondition;
  if (req.profilePath) {
    // A plant's own profile: the condition is what the profile says it is.
    const info = readIccInfo(new Uint8Array(readFileSync(req.profilePath)));
    outputCondition = { identifier: 'Custom', condition: info.description || req.profilePath, registry: '', profileName: req.profilePath };
  }
  let pdf: Uint8Array;
  let warnings: string[];
  try {
    const report = await postProcessDocument(doc, {
      variant: req.variant,
      paper,
      bleedMm: bleedOf(req),
      sourceBleedMm: ctx.sourceBleedMm ?? 0,
      marks: req.marks,
      profilePath: req.profilePath,
      outputCondition,
      maxPpi: req.maxPpi,
      jpegQuality: req.jpegQuality,
      title: ctx.title,
      signal: req.signal,
      slug: { paperName: edition.paperName, editionName: edition.editionName, date: edition.date, pageNumber: edition.pageNumber, section: edition.section },
    }, hooks);
    pdf = await savePrintPdf(doc, { ...hooks, signal: req.signal });
    warnings = report.warnings;
    req.onReport?.(report);
  } catch (e) {
    if (req.signal?.aborted) return fail(EXPORT_CANCELLED, 'the export was cancelled', '导出已取消');
    return fail('PRINT_FAILED', `cannot make the print PDF: ${(e as Error).message}`);
  }
  if (req.signal?.aborted) return fail(EXPORT_CANCELLED, 'the export was cancelled', '导出已取消');
  req.onChecking?.();
  const t0 = performance.now();
  const findings = preflightDocuments(ctx, { bleedMm: bleedOf(req), ...req.limits });
  hooks.onStage?.('preflight the pages', performance.now() - t0);
  if (req.variant !== 'proof') {
    const t1 = performance.now();
    const inspection = await inspectPdf(pdf, req.variant);
    hooks.onStage?.('preflight the PDF', performance.now() - t1);
    if (req.signal?.aborted) return fail(EXPORT_CANCELLED, 'the export was cancelled', '导出已取消');
    inspection.unconverted = warnings;
    findings.push(...preflightPdf(inspection, req.limits));
  }
  req.onPreflight?.(findings);
  const errors = preflightErrors(findings);
  if (errors.length > 0 && !req.force) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return fail('PREFLIGHT_FAILED', `preflight: ${formatFinding(errors[0]!).replace(/\s+/g, ' ')}${more}; export with --force to write it anyway`);
  }
  return ok({ pdf, findings });
}
