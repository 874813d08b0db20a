// ESLint flat config. The import-boundary rules below are the architecture's
// layering (ARCHITECTURE.md, "Layers and what each may import"), enforced by tools.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'net', 'tls', 'http', 'https', 'child_process', 'crypto', 'stream', 'events', 'url', 'util', 'zlib', 'worker_threads'];

/** Boundary rules per layer, exported so a test can prove they fire. */
export const boundaries = [
  {
    files: ['src/main/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'core is plain Node: never import electron (ARCHITECTURE.md).' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'], message: 'core never imports React.' },
          { group: ['**/renderer/**', '**/host/**', '**/preload/**'], message: 'core depends only on shared.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'the renderer never imports node:* (it runs in a sandboxed page).' },
          { group: ['**/main/**', '**/preload/**', 'electron', 'imapflow', 'nodemailer', 'mailparser', 'lowdb', 'lowdb/*'], message: 'the renderer talks to core only through the contract in src/shared/api.ts.' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod(/|$)|\\./)', message: 'shared imports only zod (and itself).' },
        ],
      }],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...boundaries,
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='only']", message: 'No .only in tests.' }] },
  },
);
