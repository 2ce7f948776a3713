import type { Command } from 'commander';

/** `da06 link EMAIL [--json]`: a fresh workspace link for an official. */
export function registerLink(program: Command): void {
  program
    .command('link')
    .description("print a fresh workspace link (PUBLIC_URL/w/<token>) for each post of the official with that e-mail (needs ACK_SECRET)")
    .argument('<email>', "the official's e-mail address, as in the seed file")
    .option('--json', 'print one JSON document')
    .action(async (email: string, options: { json?: boolean }) => {
      const { runLink } = await import('../actions/link.js');
      await runLink(email, options);
    });
}
