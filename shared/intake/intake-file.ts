/**
 * The JSON file `banmian import -o OUT.json` writes: the imported stories as
 * ProseMirror blocks of the page schema, grouped per story for the page's
 * story bin, with the recogniser's drafts and decisions (so the bin can show
 * and correct them) and the pictures as assets.
 */
import type { AssetMime } from '../format/manifest';
import type { NodeJson } from '../model/page-json';
import type { PhotoAsset, ToBlocksOptions } from './to-prosemirror';
import { draftToBlocks } from './to-prosemirror';
import type { Decision, IntakeResult, StoryDraft } from './types';

export const INTAKE_FILE_FORMAT = 'banmian-intake';
export const INTAKE_FILE_VERSION = 1;

export interface IntakeFileStory {
  /** What the recogniser found (text, roles, source lines). */
  draft: StoryDraft;
  /** The story's blocks in the page schema (label, story or teaser, photos), as JSON. */
  blocks: NodeJson[];
}

export interface IntakeFileAsset extends PhotoAsset {
  mime: AssetMime;
  bytes: number;
  /** The picture's bytes, base64. */
  data: string;
}

export interface IntakeFile {
  format: typeof INTAKE_FILE_FORMAT;
  version: number;
  source: { name: string; bytes: number; format: string; encoding?: string };
  stories: IntakeFileStory[];
  decisions: Decision[];
  assets: IntakeFileAsset[];
}

/** Builds the intake file's content; block ids are unique across all stories. */
export function buildIntakeFile(
  source: IntakeFile['source'],
  result: IntakeResult,
  assets: IntakeFileAsset[],
  options: ToBlocksOptions = {},
): IntakeFile {
  let counter = 0;
  const nextId = options.nextId ?? (() => `intake-${++counter}`);
  const stories = result.stories.map((draft, index) => ({
    draft,
    blocks: draftToBlocks(draft, { ...options, nextId, decisions: result.decisions.filter((d) => d.story === index) }).map(
      (b) => b.toJSON() as NodeJson,
    ),
  }));
  return { format: INTAKE_FILE_FORMAT, version: INTAKE_FILE_VERSION, source, stories, decisions: result.decisions, assets };
}
