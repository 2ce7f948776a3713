import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/db/generated/', 'outbox/', 'coverage/'] },
  js.configs.recommended,
  { languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The walls of DESIGN.md: the statechart and the domain rules do no I/O and never read the clock.
    files: ['workflows/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'net', 'http', 'child_process'], message: 'workflows/ and src/domain/ are pure: no I/O.' },
            { group: ['bullmq', 'ioredis', 'pg', '@prisma/*', 'nodemailer', '**/db/*', '**/engine/**', '**/queue/*', '**/mail/*'], message: 'workflows/ and src/domain/ are pure: no database, queue or mail.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time is an argument in workflows/ and src/domain/.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an argument in workflows/ and src/domain/.' }],
    },
  },
  {
    // Only src/engine joins the database and the queues; the layers below it never import it.
    files: ['src/db/**/*.ts', 'src/mail/**/*.ts', 'src/queue/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/engine/**'], message: 'src/db, src/mail and src/queue do not import the engine.' }] }],
    },
  },
);
