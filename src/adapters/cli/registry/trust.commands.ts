/**
 * The trust commands (docs/trust.md): `xuke org create|list` (organisations and their kinds),
 * `xuke register issue|event|list` (an authority's register) and `xuke confirm` (what the official
 * query showed). Each runs one use case in the registry's frame (runRegistryCommand): FORBIDDEN is
 * exit 8, bad input exit 2.
 */
import { recordConfirmation } from '../../../app/trust/confirmations.js';
import { findLicences, type FoundLicence } from '../../../app/registry/find-licences.js';
import { createOrganisation } from '../../../app/trust/organisations.js';
import {
  issueLicence,
  isRegisterEventKind,
  recordRegisterEvent,
  REGISTER_EVENT_KINDS,
  type RegisterEventRequest,
} from '../../../app/trust/register.js';
import type { Actor, TrustDeps } from '../../../app/registry/registry-deps.js';
import { sniffDocumentFormat } from '../../../core/document-format.js';
import { DomainError } from '../../../core/errors.js';
import type { SourceFormat } from '../../../core/licence.js';
import type { SourceDocument } from '../../../ports/licence-store.js';
import type { Organisation } from '../../../ports/organisation-store.js';
import type { CliContext } from '../cli-context.js';
import { date, printLicence, year } from './event.command.js';
import {
  formatConfirmation,
  formatOrganisation,
  formatOrganisations,
  formatRegister,
} from './format-registry.js';
import { readLicenceInput } from './licence-input.js';
import type { OutputOptions } from './query.commands.js';
import { runRegistryCommand } from './run-registry-command.js';

// ---------------------------------------------------------------------------------------------
// xuke org create | list

export interface OrgCreateOptions extends OutputOptions {
  readonly kind: string;
  readonly name: string;
  readonly jurisdiction?: string;
  readonly publishDeclared: boolean;
}

export function runOrgCreateCommand(
  id: string,
  o: OrgCreateOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('org create', o.lang, o, ctx, async ({ deps, who }) => {
    const created = await createOrganisation(
      {
        id,
        name: o.name,
        kind: o.kind,
        jurisdiction: o.jurisdiction ?? null,
        publishDeclared: o.publishDeclared,
      },
      who.actor,
      deps,
    );
    ctx.io.stdout(
      o.json ? `${JSON.stringify(created, null, 2)}\n` : `${formatOrganisation(created, o.lang)}\n`,
    );
    return 0;
  });
}

export function runOrgListCommand(o: OutputOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('org list', o.lang, o, ctx, async ({ deps }) => {
    const orgs = await deps.organisations.listOrganisations();
    ctx.io.stdout(
      o.json ? `${JSON.stringify(orgs, null, 2)}\n` : `${formatOrganisations(orgs, o.lang)}\n`,
    );
    return 0;
  });
}

// ---------------------------------------------------------------------------------------------
// xuke register issue | event | list

export interface DecisionOptions extends OutputOptions {
  readonly reason: string;
  readonly decision: string;
  readonly on?: string;
}

export function runRegisterIssueCommand(
  file: string,
  o: DecisionOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('register issue', o.lang, o, ctx, async ({ deps, who }) => {
    const on = o.on === undefined ? undefined : date('--on', o.on);
    const input = await readLicenceInput(file, ctx);
    const stored = await issueLicence(
      {
        licence: input.licence,
        document: input.document,
        reason: o.reason,
        decisionNumber: o.decision,
        ...(on === undefined ? {} : { on }),
      },
      who,
      deps,
    );
    printLicence(stored, o, ctx);
    return 0;
  });
}

export interface RegisterEventOptions extends DecisionOptions {
  readonly expires?: string;
  readonly year?: string;
  /** changed: the approved record, a document or a JSON record */
  readonly record?: string;
}

export function runRegisterEventCommand(
  number: string,
  kind: string,
  o: RegisterEventOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('register event', o.lang, o, ctx, async ({ deps, who }) => {
    if (!isRegisterEventKind(kind)) {
      throw new DomainError(
        'INVALID_INPUT',
        `登记簿事件应为 ${REGISTER_EVENT_KINDS.join('、')} 之一：${kind}（发证请用 xuke register issue）`,
        `The register event must be one of ${REGISTER_EVENT_KINDS.join(', ')}: ${kind} (issue with xuke register issue)`,
      );
    }
    let request: RegisterEventRequest = { kind, reason: o.reason, decisionNumber: o.decision };
    if (o.on !== undefined) request = { ...request, on: date('--on', o.on) };
    if (o.expires !== undefined) request = { ...request, expiresOn: date('--expires', o.expires) };
    if (o.year !== undefined) request = { ...request, year: year(o.year) };
    if (o.record !== undefined) {
      const input = await readLicenceInput(o.record, ctx);
      request = { ...request, licence: input.licence, document: input.document };
    }
    const stored = await recordRegisterEvent(number, request, who, deps);
    printLicence(stored, o, ctx);
    return 0;
  });
}

/** The acting organisation as an authority (it has a register); FORBIDDEN otherwise. */
async function requireAuthority(who: Actor, deps: TrustDeps): Promise<Organisation> {
  const org = await deps.organisations.findOrganisation(who.organisation);
  if (org?.kind !== 'authority') {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${who.organisation} 不是发证机关，没有登记簿；其保存的许可证是副本（自行申报），请用 xuke find --org ${who.organisation}`,
      `Organisation ${who.organisation} is not an issuing authority and has no register; the licences it keeps are declared copies: use xuke find --org ${who.organisation}`,
    );
  }
  return org;
}

export function runRegisterListCommand(o: OutputOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('register list', o.lang, o, ctx, async ({ deps, who }) => {
    const authority = await requireAuthority(who, deps);
    const entries: FoundLicence[] = [];
    let cursor: string | undefined;
    do {
      const page = await findLicences(
        { limit: 1000, ...(cursor === undefined ? {} : { cursor }) },
        who,
        deps,
      );
      entries.push(...page.items);
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    if (o.json) {
      ctx.io.stdout(
        `${JSON.stringify(
          {
            authority: {
              id: authority.id,
              name: authority.name,
              jurisdiction: authority.jurisdiction,
            },
            items: entries.map((l) => ({
              number: l.number,
              holder: l.licence.holder.name,
              status: l.status,
              currentStatus: l.currentStatus,
              version: l.version,
              provenance: l.provenance,
              expiresOn: l.licence.expiresOn,
              updatedAt: l.updatedAt,
            })),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      ctx.io.stdout(`${formatRegister(authority, entries, o.lang)}\n`);
    }
    return 0;
  });
}

// ---------------------------------------------------------------------------------------------
// xuke confirm

export interface ConfirmOptions extends OutputOptions {
  readonly status: string;
  readonly company?: string;
  /** `NAME:REGION,REGION`, repeatable */
  readonly service: readonly string[];
  readonly validFrom?: string;
  readonly expires?: string;
  readonly checkedOn?: string;
  readonly attach?: string;
  readonly note?: string;
}

/** Split at top-level separators (, ， 、 ; ；): `北京、广东（广州、深圳）` is two regions. */
function splitRegions(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
    if (depth === 0 && /[,，、;；]/u.test(c)) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out.map((r) => r.trim()).filter((r) => r !== '');
}

/**
 * `信息服务业务:北京,天津` (either colon; regions by , ， 、 ; or ；, a bracketed list kept whole:
 * `广东（广州、深圳）`) → a service with its coverage.
 */
export function parseServiceOption(value: string): { name: string; coverage: string[] } {
  const at = value.search(/[:：]/u);
  const name = (at < 0 ? value : value.slice(0, at)).trim();
  const coverage = at < 0 ? [] : splitRegions(value.slice(at + 1));
  if (name === '') {
    throw new DomainError(
      'INVALID_INPUT',
      `--service 应为“业务名称:覆盖范围,覆盖范围”：${value}`,
      `--service must be "NAME:REGION,REGION": ${value}`,
    );
  }
  return { name, coverage };
}

/** The stored format of an attachment, by its content: a screenshot is an image, a PDF a PDF. */
export function attachmentFormat(bytes: Uint8Array): SourceFormat {
  switch (sniffDocumentFormat(bytes)) {
    case 'pdf':
      return 'pdf';
    case 'png':
    case 'jpeg':
    case 'tiff':
    case 'gif':
    case 'webp':
    case 'bmp':
    case 'heif':
    case 'jpeg2000':
      return 'image';
    case 'text':
    case 'binary':
      // a saved page (HTML, MHTML) or anything else kept as it is
      return 'text';
  }
}

export function runConfirmCommand(
  number: string,
  o: ConfirmOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('confirm', o.lang, o, ctx, async ({ deps, who }) => {
    const services = o.service.map(parseServiceOption);
    let attachment: SourceDocument | null = null;
    if (o.attach !== undefined) {
      const bytes = await ctx.io.readFile(o.attach, ctx.documents.maxBytes);
      attachment = {
        sha256: ctx.documents.hasher.sha256(bytes),
        format: attachmentFormat(bytes),
        bytes,
      };
    }
    const confirmation = await recordConfirmation(
      {
        number,
        officialStatus: o.status,
        ...(o.checkedOn === undefined ? {} : { checkedOn: o.checkedOn }),
        ...(o.company === undefined ? {} : { holderName: o.company }),
        ...(services.length === 0 ? {} : { services }),
        ...(o.validFrom === undefined ? {} : { validFrom: o.validFrom }),
        ...(o.expires === undefined ? {} : { expiresOn: o.expires }),
        ...(o.note === undefined ? {} : { note: o.note }),
        attachment,
      },
      who,
      { ...deps, secrets: ctx.services.secrets },
    );
    ctx.io.stdout(
      o.json
        ? `${JSON.stringify(confirmation, null, 2)}\n`
        : `${formatConfirmation(confirmation, o.lang)}\n`,
    );
    return 0;
  });
}
