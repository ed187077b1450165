/** `xuke find`, `xuke show NUMBER`, `xuke history NUMBER`: look-ups, read only. */
import { findLicences, type FindCriteria } from '../../../app/registry/find-licences.js';
import { getLicenceHistory } from '../../../app/registry/get-licence-history.js';
import { getLicence } from '../../../app/registry/get-licence.js';
import { DomainError } from '../../../core/errors.js';
import {
  isLicenceStatus,
  LICENCE_STATUSES,
  type LicenceStatus,
} from '../../../core/lifecycle/lifecycle.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import { formatHistory, formatLicence, formatPage } from './format-registry.js';
import type { RegistryOptions } from '../cli-services.js';
import { runRegistryCommand } from './run-registry-command.js';

export interface OutputOptions extends RegistryOptions {
  readonly json: boolean;
  readonly lang: Lang;
}

export interface FindCommandOptions extends OutputOptions {
  readonly number?: string;
  readonly domain?: string;
  readonly company?: string;
  readonly status?: string;
  readonly expiringWithin?: string;
  readonly limit?: string;
  readonly cursor?: string;
}

function integer(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/u.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${flag} 应为非负整数：${value}`,
      `${flag} must be a non-negative integer: ${value}`,
    );
  }
  return n;
}

function statuses(value: string): LicenceStatus[] {
  return value.split(',').map((s) => {
    const t = s.trim();
    if (!isLicenceStatus(t)) {
      throw new DomainError(
        'INVALID_INPUT',
        `--status 应为 ${LICENCE_STATUSES.join('、')} 之一：${t}`,
        `--status must be one of ${LICENCE_STATUSES.join(', ')}: ${t}`,
      );
    }
    return t;
  });
}

export function runFindCommand(o: FindCommandOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('find', o.lang, o, ctx, async ({ deps, who }) => {
    let criteria: FindCriteria = {};
    if (o.number !== undefined) criteria = { ...criteria, number: o.number };
    if (o.domain !== undefined) criteria = { ...criteria, domain: o.domain };
    if (o.company !== undefined) criteria = { ...criteria, company: o.company };
    if (o.status !== undefined) criteria = { ...criteria, statuses: statuses(o.status) };
    if (o.expiringWithin !== undefined) {
      criteria = {
        ...criteria,
        expiringWithinDays: integer('--expiring-within', o.expiringWithin),
      };
    }
    if (o.limit !== undefined) criteria = { ...criteria, limit: integer('--limit', o.limit) };
    if (o.cursor !== undefined) criteria = { ...criteria, cursor: o.cursor };
    const page = await findLicences(criteria, who, deps);
    ctx.io.stdout(o.json ? `${JSON.stringify(page, null, 2)}\n` : `${formatPage(page, o.lang)}\n`);
    return page.items.length > 0 ? 0 : 3;
  });
}

export function runShowCommand(number: string, o: OutputOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('show', o.lang, o, ctx, async ({ deps, who }) => {
    const found = await getLicence(number, who, deps);
    ctx.io.stdout(
      o.json ? `${JSON.stringify(found, null, 2)}\n` : `${formatLicence(found, o.lang)}\n`,
    );
    return 0;
  });
}

export function runHistoryCommand(
  number: string,
  o: OutputOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('history', o.lang, o, ctx, async ({ deps, who }) => {
    const history = await getLicenceHistory(number, who, deps);
    ctx.io.stdout(
      o.json ? `${JSON.stringify(history, null, 2)}\n` : `${formatHistory(history, o.lang)}\n`,
    );
    return 0;
  });
}
