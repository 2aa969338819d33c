// Lint: TypeScript rules plus the layer boundaries of docs/architecture.md (imports go one way).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/core/**'], ['**/state/**', '**/editor/**', '**/render/**', '**/ui/**', '**/io/**', '**/workers/**', 'pixi.js', 'zustand*', 'file-saver'], 'core is pure: it imports nothing of the app and no DOM/render/store library.'),
  layer(['src/state/**'], ['**/editor/**', '**/render/**', '**/ui/**', '**/io/**', '**/workers/**', 'pixi.js'], 'state imports only core.'),
  layer(['src/editor/**'], ['**/render/**', '**/ui/**', '**/io/**', '**/workers/**', 'pixi.js'], 'editor imports state and core only.'),
  layer(['src/render/**'], ['**/ui/**', '**/editor/tools/**', '**/io/**', '**/workers/**'], 'render reads the store; it never imports ui or io.'),
  layer(['src/ui/**'], ['**/render/**', 'pixi.js'], 'ui never imports render: main.ts wires them.'),
  layer(['src/io/**'], ['**/state/**', '**/editor/**', '**/render/**', '**/ui/**', '**/app/**', '**/export/**', '**/workers/**', 'pixi.js', 'zustand*'], 'io is file formats only: bytes in and out, no store, renderer or page.'),
  layer(['src/export/**'], ['**/editor/**', '**/ui/**', '**/app/**'], 'export renders and encodes what the store holds; it never touches the page or the records.'),
  layer(['src/app/**'], ['**/editor/**', '**/ui/**'], 'app runs the records on the store, io and export; the page binds to it from main.ts.'),
  layer(['src/workers/**'], ['**/state/**', '**/editor/**', '**/render/**', '**/ui/**', 'pixi.js'], 'workers run pure code only (core, and io encoders).'),
);
