/**
 * People (docs/accounts.md), for the operator:
 *
 *   xuke user create EMAIL --name NAME [--admin] [--org ORG] [--role ROLE] [--json]
 *       the password is read from standard input (an empty input: no password, single sign-on or a
 *       sign-in link only); a member of ORG (default $XUKE_ORG) with ROLE (default member, admin
 *       with --admin); --admin makes the instance's administrator
 *   xuke user sign-in-link EMAIL [--org ORG]
 *       a new one-time sign-in link (15 minutes), for recovery
 *   xuke user list [--org ORG] [--json]
 *       the organisation's people
 *
 * Each takes --db and --lang; the password is never echoed, logged or stored other than hashed.
 */
import { Option, type Command } from 'commander';
import { DomainError } from '../../core/errors.js';
import type { CliContext } from './cli-context.js';
import { parseLang, type Lang } from './lang.js';
import { checkTokenRole, TOKEN_ROLES } from './token.commands.js';

interface UserOptions {
  db?: string;
  org?: string;
  json?: boolean;
  lang: string;
}

/** a password longer than this is refused before it is read whole */
const MAX_PASSWORD_BYTES = 4096;

function registryFlags(o: UserOptions): { db?: string; org?: string } {
  return {
    ...(o.db === undefined ? {} : { db: o.db }),
    ...(o.org === undefined ? {} : { org: o.org }),
  };
}

/** The password as typed on standard input: one trailing line break dropped; empty → none. */
export function passwordOf(bytes: Uint8Array): string | null {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\r?\n$/u, '');
  return text === '' ? null : text;
}

function say(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}

export function registerUserCommands(program: Command, ctx: CliContext): void {
  const user = program
    .command('user')
    .description('人员账号：创建、登录链接、列表 / people: create, sign-in links, list');
  const common = (c: Command) =>
    c
      .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
      .addOption(new Option('--org <id>', '组织（租户） organisation (tenant); default $XUKE_ORG'))
      .addOption(ctx.langOption());

  common(
    user
      .command('create')
      .description(
        '创建人员，口令从标准输入读取（空：无口令） / create a person; the password is read from stdin (empty: none)',
      )
      .argument('<email>', '电子邮件 / e-mail')
      .requiredOption('--name <name>', '姓名 / the person’s name')
      .option('--admin', '本实例的管理员 / the instance’s administrator', false)
      .option('--role <role>', `${TOKEN_ROLES.join(' | ')}（默认 member，--admin 时 admin）`)
      .option('--json', '输出 JSON / print JSON', false),
  ).action(
    async (email: string, o: UserOptions & { name: string; admin: boolean; role?: string }) => {
      const lang = parseLang(o.lang);
      const [{ runRegistryCommand }, { createPerson }] = await Promise.all([
        import('./registry/run-registry-command.js'),
        import('../../app/accounts/users.js'),
      ]);
      process.exitCode = await runRegistryCommand(
        'user create',
        lang,
        registryFlags(o),
        ctx,
        async ({ accounts, who }) => {
          const role = o.role ?? (o.admin ? 'admin' : 'member');
          checkTokenRole(role);
          const password = passwordOf(await ctx.io.readStdin(MAX_PASSWORD_BYTES));
          const person = await createPerson(
            { email, name: o.name, password, instanceAdmin: o.admin },
            accounts,
          );
          await accounts.accounts.putMembership({
            userId: person.id,
            organisation: who.organisation,
            role: role as 'admin' | 'member' | 'viewer',
            createdAt: accounts.clock.now().toISOString(),
            createdBy: who.actor,
          });
          if (o.json) {
            ctx.io.stdout(
              `${JSON.stringify({
                id: person.id,
                email: person.email,
                name: person.name,
                instanceAdmin: person.instanceAdmin,
                passwordSet: person.passwordHash !== null,
                organisation: who.organisation,
                role,
              })}\n`,
            );
          } else {
            const pw = person.passwordHash !== null;
            ctx.io.stdout(
              say(
                lang,
                `已创建 ${person.name} <${person.email ?? ''}>（${person.id}），机构 ${who.organisation} 的 ${role}${person.instanceAdmin ? '，本实例的管理员' : ''}；${pw ? '已设置口令' : '未设置口令：用 xuke user sign-in-link 生成登录链接，或通过单点登录'}\n`,
                `created ${person.name} <${person.email ?? ''}> (${person.id}), ${role} of ${who.organisation}${person.instanceAdmin ? ', the instance’s administrator' : ''}; ${pw ? 'password set' : 'no password: make a sign-in link with xuke user sign-in-link, or use single sign-on'}\n`,
              ),
            );
          }
          return 0;
        },
      );
    },
  );

  common(
    user
      .command('sign-in-link')
      .description(
        '生成一次性登录链接（15 分钟内有效） / a new one-time sign-in link (valid 15 minutes)',
      )
      .argument('<email>', '电子邮件 / e-mail'),
  ).action(async (email: string, o: UserOptions) => {
    const lang = parseLang(o.lang);
    const [{ runRegistryCommand }, links, sessions] = await Promise.all([
      import('./registry/run-registry-command.js'),
      import('../../app/accounts/sign-in-links.js'),
      import('../../app/accounts/sessions.js'),
    ]);
    process.exitCode = await runRegistryCommand(
      'user sign-in-link',
      lang,
      registryFlags(o),
      ctx,
      async ({ accounts, who, publicUrl }) => {
        const person = await accounts.accounts.findUserByEmail(email.trim().toLowerCase());
        if (person === undefined) {
          throw new DomainError(
            'NOT_FOUND',
            `没有电子邮件为 ${email} 的账号`,
            `No account with the e-mail ${email}`,
          );
        }
        // --org when given; else the person's first organisation
        const organisation =
          o.org ?? (await sessions.defaultOrganisationOf(person.id, accounts)) ?? who.organisation;
        const created = await links.createSignInLink(
          { userId: person.id, organisation, base: publicUrl ?? '' },
          accounts,
        );
        ctx.io.stdout(
          say(
            lang,
            `${person.name} 的一次性登录链接（机构 ${organisation}，${created.link.expiresAt} 前有效，仅可使用一次；请妥善保管）${publicUrl === null ? '，请在服务地址后加上此路径' : ''}：\n`,
            `a one-time sign-in link for ${person.name} (organisation ${organisation}; valid until ${created.link.expiresAt}, once; keep it private)${publicUrl === null ? ', after the service’s address' : ''}:\n`,
          ) + `${created.url}\n`,
        );
        return 0;
      },
    );
  });

  common(
    user
      .command('list')
      .description('列出机构的人员 / the organisation’s people')
      .option('--json', '输出 JSON / print JSON', false),
  ).action(async (o: UserOptions) => {
    const lang = parseLang(o.lang);
    const { runRegistryCommand } = await import('./registry/run-registry-command.js');
    process.exitCode = await runRegistryCommand(
      'user list',
      lang,
      registryFlags(o),
      ctx,
      async ({ accounts, who }) => {
        const members = await accounts.accounts.listMembers(who.organisation);
        if (o.json) {
          ctx.io.stdout(
            `${JSON.stringify({
              organisation: who.organisation,
              items: members.map((m) => ({
                userId: m.userId,
                name: m.name,
                email: m.email,
                mobile: m.mobile,
                role: m.role,
                secondFactor: m.secondFactor,
                hasPassword: m.hasPassword,
                ssoLinked: m.ssoLinked,
                createdAt: m.createdAt,
              })),
            })}\n`,
          );
          return 0;
        }
        if (members.length === 0) {
          ctx.io.stdout(
            say(lang, `机构 ${who.organisation} 没有人员\n`, `${who.organisation} has no people\n`),
          );
          return 0;
        }
        const yes = say(lang, '是', 'yes');
        const no = say(lang, '否', 'no');
        const lines = members.map((m) =>
          [
            m.userId,
            m.name,
            m.email ?? m.mobile ?? '',
            m.role,
            `${say(lang, '口令', 'password')}:${m.hasPassword ? yes : no}`,
            `${say(lang, '两步验证', '2FA')}:${m.secondFactor ? yes : no}`,
            `SSO:${m.ssoLinked ? yes : no}`,
          ].join('\t'),
        );
        ctx.io.stdout(`${lines.join('\n')}\n`);
        return 0;
      },
    );
  });
}
