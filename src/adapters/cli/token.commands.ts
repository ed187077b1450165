/**
 * `xuke token create --role ROLE [--org ORG] --name NAME [--json]` and `xuke token revoke ID`: API
 * tokens for the HTTP API. The secret is printed once and stored only as its sha256.
 */
import { Option, type Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import { ROLES } from '../../ports/access-store.js';
import type { CliContext } from './cli-context.js';
import { parseLang } from './lang.js';

interface TokenOptions {
  db?: string;
  org?: string;
  json?: boolean;
  lang: string;
}

/**
 * The roles a token may have: admin, member, viewer. There is no `authority` role: issuing power
 * comes from the organisation being an authority with jurisdiction (xuke org create --kind
 * authority), not from a role; refused here even while the port's list still names it.
 */
export const TOKEN_ROLES: readonly string[] = ROLES.filter((r: string) => r !== 'authority');

/** INVALID_INPUT unless `role` is one of TOKEN_ROLES, saying where issuing power comes from. */
export function checkTokenRole(role: string): void {
  if (TOKEN_ROLES.includes(role)) return;
  if (role === 'authority') {
    throw new DomainError(
      'INVALID_INPUT',
      `没有 authority 角色：发证权来自发证机关机构（xuke org create ID --kind authority --jurisdiction …），不来自角色；角色应为 ${TOKEN_ROLES.join('、')}`,
      `There is no authority role: issuing power comes from an authority organisation (xuke org create ID --kind authority --jurisdiction …), not from a role; the role must be ${TOKEN_ROLES.join(', ')}`,
    );
  }
  throw new DomainError(
    'INVALID_INPUT',
    `角色 ${role} 无效：应为 ${TOKEN_ROLES.join('、')}`,
    `Role ${role} is invalid: expected ${TOKEN_ROLES.join(', ')}`,
  );
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
      .requiredOption('--role <role>', TOKEN_ROLES.join(' | '))
      .requiredOption('--name <name>', '名称 / a name to recognise it by')
      .addOption(new Option('--org <id>', '组织（租户） organisation (tenant)')),
  ).action(async (o: TokenOptions & { role: string; name: string }) => {
    const lang = parseLang(o.lang);
    const [{ runRegistryCommand }, { createApiToken }] = await Promise.all([
      import('./registry/run-registry-command.js'),
      import('../../app/access/create-api-token.js'),
    ]);
    process.exitCode = await runRegistryCommand(
      'token create',
      lang,
      {
        ...(o.db === undefined ? {} : { db: o.db }),
        ...(o.org === undefined ? {} : { org: o.org }),
      },
      ctx,
      async ({ access, who }) => {
        checkTokenRole(o.role);
        const created = await createApiToken(
          { organisation: who.organisation, role: o.role, name: o.name },
          access,
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
    const [{ runRegistryCommand }, { revokeApiToken }] = await Promise.all([
      import('./registry/run-registry-command.js'),
      import('../../app/access/revoke-api-token.js'),
    ]);
    process.exitCode = await runRegistryCommand(
      'token revoke',
      lang,
      o.db === undefined ? {} : { db: o.db },
      ctx,
      async ({ access }) => {
        await revokeApiToken(id, access);
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
