import type { EngineDeps } from '../../engine/engine-deps.js';
import { postsHeldBy } from '../../engine/links/workspace-posts.js';
import { workspaceLink, workspaceLinkTtlMs } from '../../engine/links/workspace-token.js';
import { ConfigError, InputError } from '../../errors.js';
import { printJson, withEngine } from '../with-engine.js';

/** One workspace link `da06 link` prints: a post held under the e-mail, and its signed URL. */
export interface PrintedLink {
  url: string;
  official: number;
  unit: string;
  unitName: string;
  role: 'head' | 'contact';
  expiresAt: string;
}

/** Fresh workspace links for every post held under `email`, valid WORKSPACE_LINK_TTL from now. */
export async function workspaceLinksFor(deps: EngineDeps, email: string): Promise<PrintedLink[]> {
  if (!deps.config.ACK_SECRET) {
    throw new ConfigError('ACK_SECRET is not set, and workspace links are signed with it: set ACK_SECRET (at least 16 characters, the same value `da06 serve` runs with) and run `da06 link` again.');
  }
  const now = deps.now();
  const posts = await postsHeldBy(deps.prisma, email, now);
  if (posts.length === 0) {
    throw new InputError(`No unit head or contact has the e-mail "${email}", so there is no workspace to link to. Check the address, or the units' head and contacts in the seed file (load it with \`da06 seed FILE\`).`);
  }
  const expiresAt = new Date(now + workspaceLinkTtlMs(deps.config)).toISOString();
  return posts.map((post) => ({
    url: workspaceLink(deps.config, post, now) as string,
    official: post.official,
    unit: post.unit,
    unitName: post.unitName,
    role: post.role,
    expiresAt,
  }));
}

/** `da06 link EMAIL [--json]`: prints a fresh workspace link for each post held under that e-mail. */
export async function runLink(email: string, options: { json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const links = await workspaceLinksFor(engine, email);
    if (options.json) {
      printJson({ email, links });
      return;
    }
    process.stdout.write(links.map((l) => `${l.url}\n  ${l.role} of ${l.unit} (${l.unitName}), valid until ${l.expiresAt}\n`).join(''));
  });
}
