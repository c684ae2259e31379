// Lint rules, including the layer rule of DESIGN.md: imports point one way
// (bots → capture, billing, jobs → db → core), core imports nothing, only db touches SQL drivers,
// only bots (and capture's Slack source) touch the chat SDKs, only capture touches Microsoft Graph.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SQL = ['kysely', 'kysely/*', 'pg', 'pg-*', '@electric-sql/pglite', '@electric-sql/pglite/*'];
const CHAT = ['@slack/bolt', '@slack/web-api', '@microsoft/agents-hosting', '@microsoft/agents-*', 'adaptivecards', 'adaptivecards-templating'];
const GRAPH = ['@microsoft/microsoft-graph-client', '@microsoft/microsoft-graph-client/*', '@azure/identity'];

/** Builds a no-restricted-imports rule from package groups and relative-path regexes. */
function restrict({ packages = [], regex = [], message }) {
  return [
    'error',
    {
      patterns: [
        ...(packages.length ? [{ group: packages, message }] : []),
        ...regex.map((r) => ({ regex: r, message })),
      ],
    },
  ];
}

const outward = (layers) => `^(\\.\\./)+(${layers.join('|')})/`;

export default tseslint.config(
  { ignores: ['node_modules/**', '.tally/**', 'coverage/**', 'bench/tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The console page's script runs in the browser, with the Adaptive Cards renderer as a global.
    files: ['src/bots/console/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, AdaptiveCards: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/core/**', 'src/bots/**', 'src/capture/**', 'src/jobs/**'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, ...CHAT, ...GRAPH], message: 'Layer rule: SQL drivers only in src/db, chat SDKs only in src/bots, Graph only in src/capture.' }) },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ regex: ['^(?!\\./)'], message: 'Layer rule: src/core imports nothing outside src/core.' }) },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ packages: [...CHAT, ...GRAPH], regex: [outward(['firm', 'capture', 'billing', 'bots', 'jobs', 'cli'])], message: 'Layer rule: src/db depends only on src/core.' }) },
  },
  {
    files: ['src/capture/**/*.ts'],
    ignores: ['src/capture/sources/**'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, ...CHAT, ...GRAPH], regex: [outward(['billing', 'bots', 'jobs', 'cli'])], message: 'Layer rule: capture depends on db and core; SDKs only in capture/sources.' }) },
  },
  {
    files: ['src/capture/sources/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, '@slack/bolt', '@microsoft/agents-hosting', '@microsoft/agents-*'], regex: [outward(['billing', 'bots', 'jobs', 'cli'])], message: 'Layer rule: sources read Graph/Slack; no SQL, no bot frameworks.' }) },
  },
  {
    files: ['src/firm/**/*.ts', 'src/billing/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, ...CHAT, ...GRAPH], regex: [outward(['bots', 'cli'])], message: 'Layer rule: services depend on db and core, never on the bots or the CLI.' }) },
  },
  {
    // jobs/ owns the durable queue (pg-boss brings its own SQL, run on our pool); no other driver.
    files: ['src/jobs/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, '!pg-boss', ...CHAT, ...GRAPH], regex: [outward(['bots', 'cli', 'capture', 'billing'])], message: 'Layer rule: jobs depend on db, core and pg-boss, never on the bots, the CLI or other services.' }) },
  },
  {
    files: ['src/http/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, ...CHAT, ...GRAPH], regex: [outward(['cli'])], message: 'Layer rule: our HTTP routes use services, never SQL or SDKs directly.' }) },
  },
  {
    files: ['src/bots/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ packages: [...SQL, ...GRAPH], regex: [outward(['cli'])], message: 'Layer rule: bots never touch SQL or Graph directly.' }) },
  },
);
