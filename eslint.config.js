// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * An import of an adapter that only the composition roots (src/main/) build: the database, the
 * notifiers, the web and the document readers. `\x2F` is `/` (esquery's regex has no slash).
 */
const BUILT_IN_MAIN = String.raw`(^|\x2F)adapters\x2F(db|notify|web|documents|crypto|elicence|annual-report)\x2F|^(\.\.\x2F)+(db|notify|web|documents|crypto|elicence|annual-report)\x2F`;
const BUILT_IN_MAIN_MESSAGE =
  'the CLI and HTTP adapters get the database, notifier, web, document, crypto and e-licence adapters from main/ (cli-services.ts, http-deps.ts), never import them.';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'web/dist/**',
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The dependency rule: core is pure and knows nothing of the outside world.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process'],
              message: 'core is pure: no I/O.',
            },
            {
              group: ['**/app/**', '**/adapters/**', '**/main/**', '**/config/**', '**/ports/**'],
              message: 'core depends on nothing outside core.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'fetch', 'setTimeout', 'setInterval'],
      // No clock reads in the core: "today" is always passed in.
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'inject a Clock' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'inject a Clock',
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts', 'src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/main/**'],
              message: 'app depends on core and ports only; adapters are wired in main/.',
            },
          ],
        },
      ],
    },
  },
  {
    // One composition root per process: main/ builds every adapter; the CLI and HTTP adapters are
    // handed what they need (ctx.services, HttpDeps), statically or lazily.
    files: ['src/adapters/cli/**/*.ts', 'src/adapters/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: BUILT_IN_MAIN, message: BUILT_IN_MAIN_MESSAGE }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression[source.value=/${BUILT_IN_MAIN}/]`,
          message: BUILT_IN_MAIN_MESSAGE,
        },
      ],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);
