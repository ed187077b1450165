/**
 * `xuke token create --role ROLE [--org ORG] --name NAME [--json]` and `xuke token revoke ID`: API
 * tokens for the HTTP API. The secret is printed once and stored only as its sha256.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { parseLang } from './lang.js';

interface TokenOptions {
  db?: string;
  org?: string;
  json?: boolean;
  lang: string;
}

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('API 令牌 / API tokens');
  const common = (c: Command) =>
    c
      .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
      .addOption(ctx.langOption())
      .option('--json', '输出 JSON / print JSON', false);

  common(
    token
      .command('create')
      .description('创建令牌（只显示一次） / create a token (shown once)')
      .requiredOption('--role <role>', 'admin | authority | member | viewer')
      .requiredOption('--name <name>', '名称 / a name to recognise it by')
      .addOption(new Option('--org <id>', '组织（租户） organisation (tenant)')),
  ).action(async (o: TokenOptions & { role: string; name: string }) => {
    const lang = parseLang(o.lang);
    const [{ runRegistryCommand }, { KyselyAccessStore }, { nodeSecrets }, { createApiToken }] =
      await Promise.all([
        import('./registry/run-registry-command.js'),
        import('../db/access.repository.js'),
        import('../node-secrets.js'),
        import('../../app/create-api-token.js'),
      ]);
    process.exitCode = await runRegistryCommand(
      'token create',
      lang,
      {
        ...(o.db === undefined ? {} : { db: o.db }),
        ...(o.org === undefined ? {} : { org: o.org }),
      },
      ctx,
      async ({ database, who }) => {
        const created = await createApiToken(
          { organisation: who.organisation, role: o.role, name: o.name },
          { access: new KyselyAccessStore(database.db), secrets: nodeSecrets, clock: ctx.clock },
        );
        if (o.json) {
          ctx.io.stdout(`${JSON.stringify({ token: created.token, id: created.id })}\n`);
        } else {
          ctx.io.stdout(
            lang === 'en'
              ? `token ${created.id} (${created.role}, organisation ${created.organisation}); shown once:\n${created.token}\n`
              : `令牌 ${created.id}（${created.role}，组织 ${created.organisation}），只显示一次：\n${created.token}\n`,
          );
        }
        return 0;
      },
    );
  });

  common(
    token
      .command('revoke')
      .description('撤销令牌 / revoke a token')
      .argument('<id>', '令牌 ID / the token id'),
  ).action(async (id: string, o: TokenOptions) => {
    const lang = parseLang(o.lang);
    const [{ runRegistryCommand }, { KyselyAccessStore }, { nodeSecrets }, { revokeApiToken }] =
      await Promise.all([
        import('./registry/run-registry-command.js'),
        import('../db/access.repository.js'),
        import('../node-secrets.js'),
        import('../../app/revoke-api-token.js'),
      ]);
    process.exitCode = await runRegistryCommand(
      'token revoke',
      lang,
      o.db === undefined ? {} : { db: o.db },
      ctx,
      async ({ database }) => {
        await revokeApiToken(id, {
          access: new KyselyAccessStore(database.db),
          secrets: nodeSecrets,
          clock: ctx.clock,
        });
        ctx.io.stdout(
          o.json
            ? `${JSON.stringify({ id, revoked: true })}\n`
            : lang === 'en'
              ? `token ${id} revoked\n`
              : `令牌 ${id} 已撤销\n`,
        );
        return 0;
      },
    );
  });
}
