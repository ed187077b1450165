/**
 * The signing commands (docs/elicence.md): an authority's SM2 keys, e-licences, the register's
 * checkpoint, following another instance's register, and the audit verification against a signed
 * checkpoint. `xuke elicence verify` works offline, without a database: the keys come from a
 * keys.json. Exit codes: those of the errors (EXIT_CODE); `elicence verify` 0 valid, 1 invalid,
 * 2 unreadable.
 */
import { writeFile } from 'node:fs/promises';
import {
  issueElicence,
  verifyElicenceJson,
  verifyElicenceQr,
  type ElicenceVerification,
} from '../../../app/signing/elicence.js';
import { verifyAuditDeep } from '../../../app/signing/audit-anchor.js';
import { followRegister } from '../../../app/signing/follow.js';
import {
  createSigningKey,
  listPublishedKeys,
  revokeSigningKey,
  rotateSigningKey,
} from '../../../app/signing/keys.js';
import { logAuthority, registerCheckpoint } from '../../../app/signing/register-log.js';
import type { KeySet, PublishedKey } from '../../../core/elicence/types.js';
import { DomainError } from '../../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODE } from '../exit-codes.js';
import type { Lang } from '../lang.js';
import { runCommand } from '../run-command.js';
import type { OutputOptions } from './query.commands.js';
import { formatAudit } from './format-registry.js';
import { runRegistryCommand } from './run-registry-command.js';

const MAX_FILE = 20 * 1024 * 1024;

function keyLine(k: PublishedKey, lang: Lang): string {
  const state =
    k.revokedAt !== null
      ? lang === 'en'
        ? `revoked ${k.revokedAt} (${k.revocationReason ?? ''})`
        : `已吊销 ${k.revokedAt}（${k.revocationReason ?? ''}）`
      : k.validUntil !== null
        ? lang === 'en'
          ? `valid ${k.validFrom} to ${k.validUntil}`
          : `有效期 ${k.validFrom} 至 ${k.validUntil}`
        : lang === 'en'
          ? `current since ${k.validFrom}`
          : `自 ${k.validFrom} 起使用`;
  return `${k.kid}  ${k.organisationName}（${k.organisation}）  ${k.alg}  ${state}`;
}

export function runKeysCreateCommand(o: OutputOptions & { rotate: boolean }, ctx: CliContext) {
  const name = o.rotate ? 'keys rotate' : 'keys create';
  return runRegistryCommand(name, o.lang, o, ctx, async ({ signing, who }) => {
    const key = await (o.rotate ? rotateSigningKey : createSigningKey)(
      who.organisation,
      who,
      signing,
    );
    ctx.io.stdout(o.json ? `${JSON.stringify(key, null, 2)}\n` : `${keyLine(key, o.lang)}\n`);
    return 0;
  });
}

export function runKeysRevokeCommand(
  kid: string,
  o: OutputOptions & { reason: string },
  ctx: CliContext,
) {
  return runRegistryCommand('keys revoke', o.lang, o, ctx, async ({ signing, who }) => {
    const key = await revokeSigningKey(kid, o.reason, who, signing);
    ctx.io.stdout(o.json ? `${JSON.stringify(key, null, 2)}\n` : `${keyLine(key, o.lang)}\n`);
    return 0;
  });
}

/** `xuke keys list` (lines) and `xuke keys export` (keys.json) of the acting organisation. */
export function runKeysListCommand(o: OutputOptions & { export: boolean }, ctx: CliContext) {
  return runRegistryCommand(o.export ? 'keys export' : 'keys list', o.lang, o, ctx, async (r) => {
    const keys = await listPublishedKeys(r.signing, r.who.organisation);
    if (o.export || o.json) {
      const set: KeySet = { keys };
      ctx.io.stdout(`${JSON.stringify(set, null, 2)}\n`);
    } else {
      ctx.io.stdout(
        keys.length === 0
          ? o.lang === 'en'
            ? `No signing keys; create one with xuke keys create --org ${r.who.organisation}\n`
            : `没有签名密钥；请用 xuke keys create --org ${r.who.organisation} 创建\n`
          : `${keys.map((k) => keyLine(k, o.lang)).join('\n')}\n`,
      );
    }
    return 0;
  });
}

export function runElicenceIssueCommand(
  number: string,
  o: OutputOptions & { out: string; pdf?: string; baseUrl?: string },
  ctx: CliContext,
) {
  return runRegistryCommand('elicence issue', o.lang, o, ctx, async (r) => {
    const base = o.baseUrl ?? r.publicUrl ?? 'http://localhost:8080';
    const issued = await issueElicence(number, r.who.organisation, base, r.signing);
    await writeFile(o.out, `${JSON.stringify(issued.elicence, null, 2)}\n`);
    if (o.pdf !== undefined) {
      const tools = await ctx.services.elicenceTools();
      await writeFile(o.pdf, await tools.renderPdf(issued.elicence, issued.qrText));
    }
    const p = issued.elicence.payload;
    ctx.io.stdout(
      o.json
        ? `${JSON.stringify({ out: o.out, pdf: o.pdf ?? null, qrText: issued.qrText, kid: issued.elicence.signature.kid }, null, 2)}\n`
        : o.lang === 'en'
          ? `e-licence ${p.number} version ${p.version} signed with key ${issued.elicence.signature.kid}: ${o.out}${o.pdf === undefined ? '' : `, ${o.pdf}`}\n`
          : `电子证照 ${p.number} 第 ${p.version} 版已用密钥 ${issued.elicence.signature.kid} 签名：${o.out}${o.pdf === undefined ? '' : `、${o.pdf}`}\n`,
    );
    return 0;
  });
}

function parseKeySet(bytes: Uint8Array, path: string): PublishedKey[] {
  try {
    const set = JSON.parse(new TextDecoder().decode(bytes)) as { keys?: unknown } | null;
    if (!Array.isArray(set?.keys)) throw new Error('no "keys" array');
    return set.keys as PublishedKey[];
  } catch (e) {
    throw new DomainError(
      'INVALID_INPUT',
      `--keys ${path} 不是 keys.json：${(e as Error).message}`,
      `--keys ${path} is not a keys.json: ${(e as Error).message}`,
    );
  }
}

function verificationText(v: ElicenceVerification, lang: Lang): string {
  const en = lang === 'en';
  const lines = [
    v.valid
      ? en
        ? `VALID: ${v.reasonEn}`
        : `有效：${v.reason}`
      : en
        ? `INVALID: ${v.reasonEn}`
        : `无效：${v.reason}`,
  ];
  if (v.number !== null)
    lines.push(
      `${en ? 'licence' : '经营许可证'} ${v.number} ${en ? 'version' : '第'} ${v.version ?? '?'}${en ? '' : ' 版'}`,
    );
  if (v.holderName !== null) lines.push(`${en ? 'holder' : '持证单位'} ${v.holderName}`);
  if (v.expiresOn !== null) lines.push(`${en ? 'expires on' : '有效期至'} ${v.expiresOn}`);
  if (v.signer !== null)
    lines.push(`${en ? 'signer' : '签发机关'} ${v.signer.organisationName} (${v.signer.kid})`);
  return `${lines.join('\n')}\n`;
}

/** `xuke elicence verify FILE --keys keys.json`: offline; 0 valid, 1 invalid, 2 unreadable. */
export function runElicenceVerifyCommand(
  file: string,
  o: { keys: string; json: boolean; lang: Lang },
  ctx: CliContext,
): Promise<number> {
  return runCommand(ctx.io, 'elicence verify', o.lang, async () => {
    const keys = parseKeySet(await ctx.io.readFile(o.keys, MAX_FILE), o.keys);
    const tools = await ctx.services.elicenceTools();
    const read = await tools.readFile(await ctx.io.readFile(file, MAX_FILE), file);
    const v =
      read.kind === 'json'
        ? verifyElicenceJson(read.value, keys, tools.crypto)
        : verifyElicenceQr(read.text, keys, tools.crypto);
    ctx.io.stdout(o.json ? `${JSON.stringify(v, null, 2)}\n` : verificationText(v, o.lang));
    return v.valid ? 0 : v.failure === 'unreadable' ? 2 : 1;
  });
}

export function runCheckpointCommand(o: OutputOptions & { out?: string }, ctx: CliContext) {
  return runRegistryCommand('register checkpoint', o.lang, o, ctx, async (r) => {
    const cp = await registerCheckpoint(
      await logAuthority(r.who.organisation, r.signing),
      r.signing,
    );
    const text = `${JSON.stringify(cp, null, 2)}\n`;
    if (o.out !== undefined) await writeFile(o.out, text);
    else ctx.io.stdout(text);
    if (o.out !== undefined) {
      ctx.io.stdout(
        o.lang === 'en'
          ? `checkpoint of ${cp.payload.treeSize} entries, root ${cp.payload.rootHash}: ${o.out}\n`
          : `检查点：${cp.payload.treeSize} 条，根哈希 ${cp.payload.rootHash}：${o.out}\n`,
      );
    }
    return 0;
  });
}

export function runFollowCommand(
  url: string,
  o: OutputOptions & { keys: string; origin?: string },
  ctx: CliContext,
) {
  return runRegistryCommand('register follow', o.lang, o, ctx, async (r) => {
    const keys = parseKeySet(await ctx.io.readFile(o.keys, MAX_FILE), o.keys);
    const result = await followRegister(
      {
        sourceUrl: url,
        keys,
        ...(o.origin === undefined ? {} : { origin: o.origin }),
        ...(o.org === undefined ? {} : { organisation: o.org }),
      },
      r.who,
      r.signing,
    );
    ctx.io.stdout(
      o.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : o.lang === 'en'
          ? `followed ${url} (${result.origin}) into ${result.organisation}: ${result.fromSize} → ${result.treeSize} entries, ${result.applied} applied; root ${result.rootHash}\n`
          : `已跟随 ${url}（${result.origin}）至 ${result.organisation}：${result.fromSize} → ${result.treeSize} 条，应用 ${result.applied} 条；根哈希 ${result.rootHash}\n`,
    );
    return 0;
  });
}

export function runAuditVerifyDeepCommand(
  o: OutputOptions & { checkpoint?: string },
  ctx: CliContext,
) {
  return runRegistryCommand('audit verify', o.lang, o, ctx, async (r) => {
    const text =
      o.checkpoint === undefined
        ? undefined
        : new TextDecoder().decode(await ctx.io.readFile(o.checkpoint, MAX_FILE));
    const result = await verifyAuditDeep(r.who, r.signing, text);
    if (o.json) ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const en = o.lang === 'en';
      const lines: string[] = [];
      lines.push(`${result.organisation}: ${formatAudit(result.chain, o.lang)}`);
      lines.push(
        en
          ? `licence versions checked against their audit entries: ${result.versionsChecked}, ${result.versionFindings.length} altered`
          : `已核对许可证版本 ${result.versionsChecked} 个，被改动 ${result.versionFindings.length} 个`,
      );
      for (const f of result.versionFindings) lines.push(`  ${en ? f.reasonEn : f.reason}`);
      if (result.checkpoint !== null) {
        lines.push(
          result.checkpoint.ok
            ? en
              ? 'checkpoint: the chain and the register log match it'
              : '检查点：审计链和登记簿日志与之相符'
            : en
              ? 'checkpoint: MISMATCH'
              : '检查点：不符',
        );
        for (const f of result.checkpoint.findings) lines.push(`  ${en ? f.reasonEn : f.reason}`);
      }
      ctx.io.stdout(`${lines.join('\n')}\n`);
    }
    return result.ok ? 0 : EXIT_CODE.STORAGE_FAILURE;
  });
}
