import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportJobs } from '../../../electron/node/export/export-jobs';
import { exportOptionsSchema, printRequestOf } from '../../../electron/node/export/export-options';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';

describe('printRequestOf', () => {
  it('turns the dialog options into the print request', () => {
    const r = printRequestOf({ variant: 'x4-cmyk', bleedMm: 5, marks: false, jpegQuality: 70, maxPpi: 250, force: true });
    expect(r).toEqual({ ok: true, value: { variant: 'x4-cmyk', bleedMm: 5, marks: false, profilePath: undefined, jpegQuality: 70, maxPpi: 250, force: true } });
  });

  it('accepts a CMYK output profile by absolute path', () => {
    const path = shippedProfilePath();
    const r = printRequestOf({ variant: 'x4', profilePath: path });
    expect(r.ok && r.value.profilePath).toBe(path);
  });

  it('refuses a relative, missing or non-ICC profile with one line', () => {
    for (const [path, pattern] of [
      ['plant.icc', /full path/],
      ['/nowhere/plant.icc', /no such output profile/],
      [join(import.meta.dirname, 'export-options.test.ts'), /not an ICC profile/],
    ] as const) {
      const r = printRequestOf({ variant: 'x4-cmyk', profilePath: path });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_PROFILE');
        expect(r.error.message).toMatch(pattern);
      }
    }
  });
});

describe('exportOptionsSchema', () => {
  it('refuses unknown variants, out-of-range numbers and unknown keys', () => {
    expect(exportOptionsSchema.safeParse({ variant: 'x4' }).success).toBe(true);
    expect(exportOptionsSchema.safeParse({ variant: 'x1a' }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ variant: 'x4', bleedMm: 21 }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ variant: 'x4', jpegQuality: 0 }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ variant: 'x4', script: 'x' }).success).toBe(false);
  });
});

describe('ExportJobs', () => {
  it('keeps the latest stage and the findings once reported', () => {
    const jobs = new ExportJobs();
    expect(jobs.get('job-00001')).toBeNull();
    jobs.update('job-00001', { stage: 'layout', elapsedMs: 1 });
    const findings = [{ level: 'error' as const, code: 'overset' as const, message: 'm', messageZh: 'z', page: 1 }];
    jobs.update('job-00001', { stage: 'check', elapsedMs: 5, findings });
    jobs.update('job-00001', { stage: 'check', elapsedMs: 6 });
    expect(jobs.get('job-00001')).toEqual({ stage: 'check', elapsedMs: 6, findings });
    jobs.finish('job-00001');
    expect(jobs.get('job-00001')?.findings).toEqual(findings);
    // Every report stays, in order: a poller that comes late hears each stage the job passed.
    expect(jobs.reports('job-00001')?.map((p) => [p.stage, p.elapsedMs, p.findings === findings])).toEqual([
      ['layout', 1, false],
      ['check', 5, true],
      ['check', 6, true],
    ]);
    jobs.clear();
    expect(jobs.reports('job-00001')).toBeNull();
    expect(jobs.get('job-00001')).toBeNull();
  });

  it('holds a bounded number of reports per job, the newest replacing the last beyond it', () => {
    const jobs = new ExportJobs();
    for (let i = 0; i < 40; i++) jobs.update('job-00001', { stage: 'print', elapsedMs: i });
    const reports = jobs.reports('job-00001') ?? [];
    expect(reports.length).toBe(32);
    expect(reports.at(-2)?.elapsedMs).toBe(30);
    expect(reports.at(-1)?.elapsedMs).toBe(39);
    jobs.clear();
  });

  it('holds a bounded number of jobs, forgetting the oldest', () => {
    const jobs = new ExportJobs();
    for (let i = 0; i < 70; i++) jobs.update(`job-${String(i).padStart(5, '0')}`, { stage: 'layout', elapsedMs: i });
    expect(jobs.get('job-00000')).toBeNull();
    expect(jobs.get('job-00069')).not.toBeNull();
    jobs.clear();
  });
});
