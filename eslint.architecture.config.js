// Architecture check (`npm run check:architecture`): no circular imports, and `core/` never
// depends on the parts or the composition root. Imports are resolved the way TypeScript
// resolves our `.js` specifiers to `.ts` sources.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'tests/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'import-x': importX },
    settings: {
      // Imported files are parsed too, to follow the chain: with the TypeScript parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './core',
              from: ['./server', './bot', './channel', './webchat-widget', './livechat-console', './intake-pipeline', './knowledge'],
              message: 'core/ is the inner ring: it must not depend on the parts or on server/.',
            },
          ],
        },
      ],
    },
  },
];
