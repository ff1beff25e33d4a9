import { describe, expect, it } from 'vitest';
import { shortcutCommand } from '../../../renderer/app/shortcuts';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('shortcutCommand', () => {
  it('maps the file commands with Ctrl off the Mac', () => {
    expect(shortcutCommand(key('s', { ctrl: true }), false)).toBe('save');
    expect(shortcutCommand(key('S', { ctrl: true, shift: true }), false)).toBe('saveAs');
    expect(shortcutCommand(key('o', { ctrl: true }), false)).toBe('open');
    expect(shortcutCommand(key('p', { ctrl: true }), false)).toBe('exportPdf');
    expect(shortcutCommand(key('e', { ctrl: true }), false)).toBe('exportPdf');
  });

  it('maps copy import and page setup', () => {
    expect(shortcutCommand(key('i', { ctrl: true }), false)).toBe('importCopy');
    expect(shortcutCommand(key('P', { ctrl: true, shift: true }), false)).toBe('pageSetup');
    expect(shortcutCommand(key('K', { ctrl: true, shift: true }), false)).toBe('connectDesk');
    expect(shortcutCommand(key('I', { ctrl: true, shift: true }), false)).toBeNull();
  });

  it('maps Mod+Shift+D to placing an image, and leaves Mod+D to the editor (duplicate)', () => {
    expect(shortcutCommand(key('D', { ctrl: true, shift: true }), false)).toBe('placeImage');
    expect(shortcutCommand(key('D', { meta: true, shift: true }), true)).toBe('placeImage');
    expect(shortcutCommand(key('d', { ctrl: true }), false)).toBeNull();
  });

  it('maps undo and both redo keys', () => {
    expect(shortcutCommand(key('z', { ctrl: true }), false)).toBe('undo');
    expect(shortcutCommand(key('Z', { ctrl: true, shift: true }), false)).toBe('redo');
    expect(shortcutCommand(key('y', { ctrl: true }), false)).toBe('redo');
  });

  it('maps zoom keys, including + typed with Shift', () => {
    expect(shortcutCommand(key('=', { ctrl: true }), false)).toBe('zoomIn');
    expect(shortcutCommand(key('+', { ctrl: true, shift: true }), false)).toBe('zoomIn');
    expect(shortcutCommand(key('-', { ctrl: true }), false)).toBe('zoomOut');
    expect(shortcutCommand(key('0', { ctrl: true }), false)).toBe('zoomFit');
    expect(shortcutCommand(key('1', { ctrl: true }), false)).toBe('zoomActual');
  });

  it('uses ⌘ on the Mac and ignores Ctrl there', () => {
    expect(shortcutCommand(key('s', { meta: true }), true)).toBe('save');
    expect(shortcutCommand(key('s', { ctrl: true }), true)).toBeNull();
    expect(shortcutCommand(key('s', { meta: true }), false)).toBeNull();
  });

  it('leaves plain typing and Alt chords alone', () => {
    expect(shortcutCommand(key('s'), false)).toBeNull();
    expect(shortcutCommand(key('s', { ctrl: true, alt: true }), false)).toBeNull();
    expect(shortcutCommand(key('b', { ctrl: true }), false)).toBeNull();
  });
});
