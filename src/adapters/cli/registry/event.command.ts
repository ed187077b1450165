/**
 * `xuke event NUMBER KIND [--on DATE] [--note TEXT] [--expires-on DATE] [--year N]`: record a
 * lifecycle event on the organisation's declared copy of a licence (renewal applied, annual report
 * filed …). The issuer's decisions (renewed, inspection-recorded, suspended, reinstated, cancelled,
 * revoked) are the register's: here they are refused with exit 8, pointing at `xuke register
 * event`. Exit 5 when the lifecycle refuses an event, 4 when someone changed the licence first.
 */
import { ISSUER_EVENTS } from '../../../app/access/authorise-action.js';
import { recordEvent, type EventRequest } from '../../../app/registry/record-event.js';
import { isIsoDate } from '../../../core/dates.js';
import { DomainError, isDomainError } from '../../../core/errors.js';
import { isLicenceEventKind, LICENCE_EVENT_KINDS } from '../../../core/lifecycle/lifecycle.js';
import type { FoundLicence } from '../../../app/registry/find-licences.js';
import type { CliContext } from '../cli-context.js';
import { formatLicence } from './format-registry.js';
import type { OutputOptions } from './query.commands.js';
import { runRegistryCommand } from './run-registry-command.js';

export interface EventCommandOptions extends OutputOptions {
  readonly on?: string;
  readonly note?: string;
  readonly expiresOn?: string;
  readonly year?: string;
}

/** The value of a date flag (--on, --expires-on …), which must be YYYY-MM-DD; else INVALID_INPUT. */
export function date(flag: string, value: string): string {
  if (!isIsoDate(value)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${flag} 应为 YYYY-MM-DD 日期：${value}`,
      `${flag} must be a YYYY-MM-DD date: ${value}`,
    );
  }
  return value;
}

/** The value of --year, which must be a four-digit year; else INVALID_INPUT. */
export function year(value: string): number {
  if (!/^\d{4}$/u.test(value)) {
    throw new DomainError(
      'INVALID_INPUT',
      `--year 应为四位年份：${value}`,
      `--year must be a four-digit year: ${value}`,
    );
  }
  return Number(value);
}

/** Print a licence with its current status, as the use case answered: JSON with --json, else text. */
export function printLicence(found: FoundLicence, o: OutputOptions, ctx: CliContext) {
  ctx.io.stdout(
    o.json ? `${JSON.stringify(found, null, 2)}\n` : `${formatLicence(found, o.lang)}\n`,
  );
}

export function runEventCommand(
  number: string,
  kind: string,
  o: EventCommandOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('event', o.lang, o, ctx, async ({ deps, who }) => {
    if (!isLicenceEventKind(kind)) {
      throw new DomainError(
        'INVALID_INPUT',
        `事件类型应为 ${LICENCE_EVENT_KINDS.join('、')} 之一：${kind}`,
        `The event kind must be one of ${LICENCE_EVENT_KINDS.join(', ')}: ${kind}`,
      );
    }
    let request: EventRequest = { kind, note: o.note ?? null };
    if (o.on !== undefined) request = { ...request, on: date('--on', o.on) };
    if (o.expiresOn !== undefined)
      request = { ...request, expiresOn: date('--expires-on', o.expiresOn) };
    if (o.year !== undefined) request = { ...request, year: year(o.year) };
    let stored;
    try {
      stored = await recordEvent(number, request, who, deps);
    } catch (e) {
      if (isDomainError(e) && e.code === 'FORBIDDEN' && ISSUER_EVENTS.has(kind)) {
        // say where the issuer's decisions go
        throw new DomainError(
          'FORBIDDEN',
          `${e.message}（发证机关：xuke register event ${number} ${kind} --org 机关 --reason 理由 --decision 文号）`,
          `${e.messageEn} (an issuing authority: xuke register event ${number} ${kind} --org AUTHORITY --reason TEXT --decision NUMBER)`,
          { cause: e },
        );
      }
      throw e;
    }
    printLicence(stored, o, ctx);
    return 0;
  });
}
