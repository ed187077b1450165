/**
 * The trust commands (docs/trust.md): organisations and their kinds, the authority's register, and
 * confirmations from the official query. Like the registry's commands, each takes --db, --org,
 * --json and --lang and loads its module (and through `ctx.services` the database) only when it runs.
 *
 *   xuke org create ID --kind authority|holder|platform --name NAME [--jurisdiction 京,津] [--publish-declared]
 *   xuke org list
 *   xuke register issue FILE --org AUTH --reason TEXT --decision 文号 [--on DATE]
 *   xuke register event NUMBER KIND --org AUTH --reason TEXT --decision 文号 [--on] [--expires] [--year] [--record FILE]
 *   xuke register list --org AUTH
 *   xuke confirm NUMBER --status TEXT [--company] [--service NAME:REGION,…]… [--valid-from] [--expires]
 *                [--checked-on] [--attach FILE] [--note] --org ORG
 */
import type { Command } from 'commander';
import { ORGANISATION_KINDS } from '../../core/trust/types.js';
import type { CliContext } from './cli-context.js';
import { base, common, defined, plain, type Common } from './registry.commands.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerTrustCommands(program: Command, ctx: CliContext): void {
  // ---- xuke org
  const org = program
    .command('org')
    .description('机构：发证机关、持证单位、平台 / organisations: authorities, holders, platforms');
  common(
    org
      .command('create')
      .description('创建机构（实例管理员） / create an organisation (the instance administrator)')
      .argument('<id>', '机构标识 organisation id (a-z 0-9 - _)')
      .requiredOption('--kind <kind>', ORGANISATION_KINDS.join(' | '))
      .requiredOption('--name <name>', '机构名称 / the organisation’s name')
      .option(
        '--jurisdiction <list>',
        '发证机关的管辖范围 / an authority’s jurisdiction: 京,津 | MIIT | 北京市通信管理局',
      )
      .option(
        '--publish-declared',
        '公开核验可显示其自行登记的记录 / public verification may show its declared records',
        false,
      ),
    ctx,
    { actor: true },
  ).action(
    async (
      id: string,
      o: Common & { kind: string; name: string; jurisdiction?: string; publishDeclared: boolean },
    ) => {
      const { runOrgCreateCommand } = await import('./registry/trust.commands.js');
      process.exitCode = await runOrgCreateCommand(
        id,
        {
          ...base(o),
          kind: o.kind,
          name: o.name,
          publishDeclared: o.publishDeclared,
          ...defined({ jurisdiction: o.jurisdiction }),
        },
        ctx,
      );
    },
  );
  plain(
    org.command('list').description('列出机构 / list the organisations'),
    ctx,
    async () => (await import('./registry/trust.commands.js')).runOrgListCommand,
  );

  // ---- xuke register
  const register = program
    .command('register')
    .description(
      '发证机关登记簿：发证、决定、查看 / an issuing authority’s register: issue, decide, list',
    );
  // an authority's decision: its reason, 文号 and day, then the common options and --actor
  const decision = (c: Command) =>
    common(
      c
        .requiredOption('--reason <text>', '理由 / the reason for the decision')
        .requiredOption('--decision <文号>', '决定文号 / the decision’s document number (文号)')
        .option('--on <date>', '决定日期 YYYY-MM-DD / the day of the decision'),
      ctx,
      { actor: true },
    );
  decision(
    register
      .command('issue')
      .description(
        '在本机关登记簿中发证（须有管辖权） / issue a licence into the authority’s register (within its jurisdiction)',
      )
      .argument(
        '<file>',
        '申请材料（许可证文件）或 JSON 记录；- 为标准输入 / a document or a JSON record',
      ),
  ).action(async (file: string, o: Common & { reason: string; decision: string; on?: string }) => {
    const { runRegisterIssueCommand } = await import('./registry/trust.commands.js');
    process.exitCode = await runRegisterIssueCommand(
      file,
      { ...base(o), reason: o.reason, decision: o.decision, ...defined({ on: o.on }) },
      ctx,
    );
  });
  decision(
    register
      .command('event')
      .description(
        '记录发证机关的决定 / record the issuer’s decision: renewal-applied renewed changed annual-report-filed inspection-recorded suspended reinstated cancelled revoked expired',
      )
      .argument('<number>', '经营许可证编号 / licence number')
      .argument('<kind>', '决定类型 / the decision')
      .option('--expires <date>', '延续后的有效期至 / the new expiry (renewed)')
      .option('--year <year>', '年报或年检年份 / the year (annual report, inspection)')
      .option(
        '--record <file>',
        '变更后的记录：文件或 JSON 记录 / the approved record (changed): a document or a JSON record',
      ),
  ).action(
    async (
      number: string,
      kind: string,
      o: Common & {
        reason: string;
        decision: string;
        on?: string;
        expires?: string;
        year?: string;
        record?: string;
      },
    ) => {
      const { runRegisterEventCommand } = await import('./registry/trust.commands.js');
      process.exitCode = await runRegisterEventCommand(
        number,
        kind,
        {
          ...base(o),
          reason: o.reason,
          decision: o.decision,
          ...defined({ on: o.on, expires: o.expires, year: o.year, record: o.record }),
        },
        ctx,
      );
    },
  );
  plain(
    register.command('list').description('列出本机关登记簿 / list the authority’s register'),
    ctx,
    async () => (await import('./registry/trust.commands.js')).runRegisterListCommand,
  );
  common(
    register
      .command('checkpoint')
      .description(
        '本机关登记簿日志的签名检查点 / the signed checkpoint of the authority’s register log',
      )
      .option('--out <file>', '写入文件 / write it to a file'),
    ctx,
    { json: false },
  ).action(async (o: Common & { out?: string }) => {
    const { runCheckpointCommand } = await import('./registry/signing.commands.js');
    process.exitCode = await runCheckpointCommand({ ...base(o), ...defined({ out: o.out }) }, ctx);
  });
  common(
    register
      .command('follow')
      .description(
        '跟随另一系统的登记簿：核验签名与一致性后保存为镜像 / follow another instance’s register: verified entries become mirrored records',
      )
      .argument('<url>', '来源系统的地址 / the source instance’s base URL')
      .requiredOption('--keys <file>', '来源发证机关的公钥 keys.json / the authority’s keys.json')
      .option('--origin <id>', '来源系统上的发证机关 / the authority on the source'),
    ctx,
    { actor: true },
  ).action(async (url: string, o: Common & { keys: string; origin?: string }) => {
    const { runFollowCommand } = await import('./registry/signing.commands.js');
    process.exitCode = await runFollowCommand(
      url,
      { ...base(o), keys: o.keys, ...defined({ origin: o.origin }) },
      ctx,
    );
  });

  // ---- xuke keys
  const keys = program
    .command('keys')
    .description('发证机关的 SM2 签名密钥 / an issuing authority’s SM2 signing keys');
  for (const rotate of [false, true]) {
    common(
      keys
        .command(rotate ? 'rotate' : 'create')
        .description(
          rotate
            ? '换用新密钥，旧密钥即时停用（仍可核验其签名） / a new key; the current one stops signing now'
            : '创建签名密钥（私钥以 XUKE_KEY_PASSPHRASE 加密保存） / create a signing key',
        ),
      ctx,
      { actor: true },
    ).action(async (o: Common) => {
      const { runKeysCreateCommand } = await import('./registry/signing.commands.js');
      process.exitCode = await runKeysCreateCommand({ ...base(o), rotate }, ctx);
    });
  }
  common(
    keys
      .command('revoke')
      .description('吊销密钥 / revoke a key')
      .argument('<kid>', '密钥标识 / key id')
      .requiredOption('--reason <text>', '理由 / the reason'),
    ctx,
    { actor: true },
  ).action(async (kid: string, o: Common & { reason: string }) => {
    const { runKeysRevokeCommand } = await import('./registry/signing.commands.js');
    process.exitCode = await runKeysRevokeCommand(kid, { ...base(o), reason: o.reason }, ctx);
  });
  for (const exported of [false, true]) {
    common(
      keys
        .command(exported ? 'export' : 'list')
        .description(
          exported
            ? '导出公钥 keys.json / print the public keys as keys.json'
            : '列出签名密钥 / list the signing keys',
        ),
      ctx,
      { json: !exported },
    ).action(async (o: Common) => {
      const { runKeysListCommand } = await import('./registry/signing.commands.js');
      process.exitCode = await runKeysListCommand({ ...base(o), export: exported }, ctx);
    });
  }

  // ---- xuke elicence
  const elicence = program
    .command('elicence')
    .description('电子证照：签发与核验 / e-licences: issue and verify');
  common(
    elicence
      .command('issue')
      .description('签发登记簿当前版本的电子证照 / sign the register’s current version')
      .argument('<number>', '经营许可证编号 / licence number')
      .requiredOption('--out <file>', '电子证照 JSON / the e-licence JSON')
      .option('--pdf <file>', 'A4 证书 PDF（含二维码） / the A4 certificate PDF with its QR code')
      .option(
        '--base-url <url>',
        '二维码中的核验地址 / the verify URL in the QR (XUKE_PUBLIC_URL)',
      ),
    ctx,
  ).action(async (number: string, o: Common & { out: string; pdf?: string; baseUrl?: string }) => {
    const { runElicenceIssueCommand } = await import('./registry/signing.commands.js');
    process.exitCode = await runElicenceIssueCommand(
      number,
      { ...base(o), out: o.out, ...defined({ pdf: o.pdf, baseUrl: o.baseUrl }) },
      ctx,
    );
  });
  elicence
    .command('verify')
    .description(
      '离线核验电子证照（JSON、PDF 或二维码照片）：0 有效、1 无效、2 无法读取 / verify offline: 0 valid, 1 invalid, 2 unreadable',
    )
    .argument('<file>', '电子证照 JSON、PDF 或二维码照片 / the JSON, the PDF or a photo of its QR')
    .requiredOption('--keys <file>', '公钥 keys.json / the public keys')
    .option('--json', '输出 JSON / print JSON', false)
    .addOption(ctx.langOption())
    .action(async (file: string, o: { keys: string; json: boolean; lang: string }) => {
      const { runElicenceVerifyCommand } = await import('./registry/signing.commands.js');
      process.exitCode = await runElicenceVerifyCommand(
        file,
        { keys: o.keys, json: o.json, lang: o.lang === 'en' ? 'en' : 'zh' },
        ctx,
      );
    });

  // ---- xuke confirm
  common(
    program
      .command('confirm')
      .description(
        '记录在电信业务市场综合管理信息系统查询到的结果 / record what the official query showed for a number',
      )
      .argument('<number>', '经营许可证编号 / licence number')
      .requiredOption('--status <text>', '官方系统显示的状态（如 有效、已注销） / the status shown')
      .option('--company <name>', '公司名称 / the company shown')
      .option(
        '--service <name:regions>',
        '业务种类及覆盖范围，可重复 / a service and its coverage, repeatable: 信息服务业务:北京,天津',
        collect,
        [],
      )
      .option('--valid-from <date>', '有效期起 / valid from')
      .option('--expires <date>', '有效期至 / expires on')
      .option('--checked-on <date>', '查询日期（默认今天） / the day checked (default today)')
      .option('--attach <file>', '截图或保存的页面 / a screenshot or the saved page')
      .option('--note <text>', '说明 / a note'),
    ctx,
    { actor: true },
  ).action(
    async (
      number: string,
      o: Common & {
        status: string;
        company?: string;
        service: string[];
        validFrom?: string;
        expires?: string;
        checkedOn?: string;
        attach?: string;
        note?: string;
      },
    ) => {
      const { runConfirmCommand } = await import('./registry/trust.commands.js');
      process.exitCode = await runConfirmCommand(
        number,
        {
          ...base(o),
          status: o.status,
          service: o.service,
          ...defined({
            company: o.company,
            validFrom: o.validFrom,
            expires: o.expires,
            checkedOn: o.checkedOn,
            attach: o.attach,
            note: o.note,
          }),
        },
        ctx,
      );
    },
  );
}
