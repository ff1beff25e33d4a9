import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const nodeBuiltins = ['fs', 'path', 'child_process', 'os', 'http', 'net', 'crypto', 'url', 'stream', 'zlib'];
const nodePatterns = ['node:*', ...nodeBuiltins];

/**
 * renderer/'s folders from the top down (docs/architecture.md): a folder may
 * import the folders after it, never one before it. The app and its panels
 * (and print mode, the other entry) on top; the editor, then its features;
 * page geometry, typesetting, the host and the small helpers at the bottom.
 */
const rendererLayers = [
  'app',
  'desk',
  'print',
  'panels',
  'editor',
  'bin',
  'photo',
  'arrange',
  'intake-review',
  'styles',
  'page',
  'typesetting',
  'host',
  'i18n',
  'format',
  'base',
];
const rendererZones = rendererLayers.slice(1).map((folder, i) => ({
  target: `./renderer/${folder}`,
  from: ['./renderer/main.tsx', ...rendererLayers.slice(0, i + 1).map((above) => `./renderer/${above}`)],
  message: `renderer/${folder} is below these folders: it may import only the folders after it in eslint.config.js's rendererLayers.`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['./*/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // shared/ runs everywhere: no DOM-only, Node or Electron imports, nothing of the other layers.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodePatterns, 'electron', 'react', 'react-dom', '**/renderer/**', '**/electron/**'] },
      ],
    },
  },
  {
    // renderer/ reaches its host only through the HostApi; its folders import one way (rendererLayers).
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodePatterns, 'electron', '**/electron/**'] }],
      'import-x/no-restricted-paths': ['error', { zones: rendererZones }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '**/renderer/**'] }],
    },
  },
);
