/**
 * A request that fails its route's schema, told in words: the problem's detail names each field as
 * a person would (凭证说明, 第 1 项业务的限定说明 / "Evidence note", "Service 1: qualifier") and says
 * what is expected of it, in zh-CN (`detailZh`) and English (`detail`), never zod's own English or a
 * field path. Clients still get `errors[]`: one entry per failure with the field's JSON pointer
 * (RFC 6901) into the part of the request it is in (`in`: body, querystring, params, headers), zod's
 * issue code, and the same sentence in both languages.
 *
 * Field names come from two tables: the licence record's (core/field-names.ts, shared with the web
 * UI) for a record sent in a request, and the request fields' below, which test/http-validation
 * holds to every field the OpenAPI document's requests name.
 */
import { findFieldLabel, type FieldLang } from '../../core/field-names.js';
import { formatFieldPath } from '../../core/field-path.js';

/** Where in the request a field is, as fastify's validation names it. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** One zod issue as fastify-type-provider-zod hands it over (code, path, and the issue's rest). */
export interface RequestIssue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly params: Readonly<Record<string, unknown>>;
}

/** One failure in `errors[]`. */
export interface FieldError {
  /** JSON pointer into the request part: `/services/0/qualifier`; `` for the part itself */
  readonly path: string;
  readonly in: RequestPart;
  /** zod's issue code: invalid_type, too_small, invalid_format … */
  readonly code: string;
  /** English */
  readonly message: string;
  readonly messageZh: string;
}

type Words = readonly [zh: string, en: string];

/** A request field: its words, and what a value of its own form looks like (for a pattern). */
interface FieldWords {
  readonly words: Words;
  readonly form?: Words;
}

const w = (zh: string, en: string, form?: Words): FieldWords =>
  form === undefined ? { words: [zh, en] } : { words: [zh, en], form };

const LIST_FORM = (values: string): Words => [
  `${values} 中的一个或多个，以英文逗号分隔`,
  `one or more of ${values}, separated by commas`,
];

/**
 * The request fields in words, by part and name (`body:code`), else by name alone. The licence
 * record's own fields (inside `licence` or `record`, or a confirmation's `services`) are the core
 * table's.
 */
const REQUEST_FIELDS: Readonly<Record<string, FieldWords>> = {
  // body
  attachment: w('附件', 'Attachment'),
  'attachment.name': w('附件的文件名', 'Attachment file name'),
  'attachment.base64': w('附件内容', 'Attachment content'),
  checkedOn: w('查询日期', 'Day checked'),
  'body:code': w(
    '代码（登录码、邀请码或验证码）',
    'Code (sign-in, invitation or authenticator code)',
  ),
  date: w('日期', 'Date'),
  decisionNumber: w('文号', 'Decision number'),
  description: w('说明', 'Description'),
  everyDays: w('复核周期（天）', 'Re-check period (days)'),
  documentSha256: w('凭证文件的 SHA-256', 'Evidence document SHA-256', [
    '64 位十六进制字符（0–9、a–f）',
    '64 hexadecimal characters (0–9, a–f)',
  ]),
  elicence: w('电子证照', 'E-licence'),
  evidence: w('原文依据', 'Evidence'),
  expectedVersion: w('预期版本', 'Expected version'),
  file: w('文件', 'File'),
  holderName: w('公司名称', 'Company name'),
  'body:id': w('组织标识', 'Organisation ID'),
  jurisdiction: w('管辖范围', 'Jurisdiction'),
  'body:kind': w('类型', 'Kind'),
  licence: w('许可证', 'Licence'),
  'body:name': w('名称', 'Name'),
  note: w('说明', 'Note'),
  number: w('经营许可证编号', 'Licence number'),
  officialStatus: w('官方系统显示的状态', 'Status shown by the official system'),
  on: w('日期', 'Date'),
  organisation: w('组织', 'Organisation'),
  pageLabels: w('页码', 'Page labels'),
  publishDeclared: w('公开自行申报的记录', 'Publish declared records'),
  qr: w('二维码内容', 'QR code text'),
  reason: w('理由', 'Reason'),
  record: w('许可证记录', 'Licence record'),
  role: w('角色', 'Role'),
  today: w('核验日期', 'Day to check as of'),
  url: w('网址', 'URL', ['以 http:// 或 https:// 开头的网址', 'an http:// or https:// URL']),
  // people (docs/accounts.md)
  email: w('电子邮件', 'E-mail', [
    '形如 name@example.com 的电子邮件',
    'an e-mail such as name@example.com',
  ]),
  password: w('口令', 'Password'),
  otp: w('两步验证码', 'Second-factor code'),
  currentPassword: w('当前口令', 'Current password'),
  newPassword: w('新口令', 'New password'),
  expiresAt: w('过期时间', 'Expiry', [
    '形如 2027-01-31T00:00:00Z 的日期时间',
    'a date-time such as 2027-01-31T00:00:00Z',
  ]),
  joinMode: w('加入方式', 'Join mode'),
  joinDomains: w('可加入的电子邮件域名', 'E-mail domains that may join'),
  joinRole: w('加入后的角色', 'Role on joining'),
  requireSecondFactor: w('要求两步验证', 'Require a second factor'),
  'querystring:everywhere': w('是否退出所有会话', 'Sign out everywhere'),
  'querystring:invitation': w('邀请码', 'Invitation code'),
  'querystring:link': w('关联账号', 'Link the account'),
  'querystring:state': w('登录状态参数', 'Sign-in state'),
  'querystring:code': w('授权码', 'Authorization code'),
  'querystring:iss': w('身份提供方', 'Identity provider'),
  'querystring:error': w('身份提供方返回的错误', 'Error from the identity provider'),
  'querystring:error_description': w(
    '身份提供方的错误说明',
    'Error description from the identity provider',
  ),
  'querystring:person': w('人员', 'Person'),
  'querystring:licence': w('许可证编号', 'Licence number'),
  'querystring:action': w('操作', 'Action'),
  'querystring:format': w('格式', 'Format'),
  // path
  userId: w('人员编号', 'Person ID'),
  occurrenceId: w('期限事项', 'Occurrence', [
    '形如 renewal@2023-05-03 的期限事项编号',
    'an occurrence id such as renewal@2023-05-03',
  ]),
  'params:id': w('编号', 'ID'),
  'params:sha256': w('文件的 SHA-256', 'Document SHA-256', [
    '64 位小写十六进制的 SHA-256',
    'a SHA-256 of 64 lower-case hexadecimal digits',
  ]),
  'params:page': w('页码', 'Page number'),
  // annual reports (docs/annual-report.md): the items of a report are keyed 1–6
  answers: w('年报内容', 'Report answers'),
  'answers.*': w('年报第 {n} 项', 'Report item {n}'),
  'answers.*.fields': w('年报第 {n} 项的填报内容', 'Report item {n}: answers'),
  'answers.*.public': w('年报第 {n} 项是否公示', 'Report item {n}: publish'),
  'answers.*.secretFields': w(
    '年报第 {n} 项中不公示的商业秘密字段',
    'Report item {n}: fields kept as trade secrets',
  ),
  authority: w('发证机关', 'Issuing authority'),
  decision: w('审核结论', 'Decision'),
  decidedOn: w('处理日期', 'Day decided'),
  list: w('名单', 'List'),
  listedOn: w('列入日期', 'Day listed'),
  reasonKind: w('列入原因类别', 'Kind of reason'),
  'querystring:current': w('是否仍在名单上', 'Still listed'),
  'querystring:item': w('年报事项', 'Report item'),
  'querystring:side': w('查看方', 'Side'),
  // spot checks (docs/spot-checks.md)
  count: w('抽取数量', 'Number to draw'),
  inspectors: w('检查人员', 'Inspectors'),
  'inspectors.id': w('检查人员的编号', 'Inspector: ID'),
  'inspectors.name': w('检查人员的姓名', 'Inspector: name'),
  inspectorsPerCheck: w('每家的检查人数', 'Inspectors per check'),
  conflicts: w('回避关系', 'Conflicts of interest'),
  'conflicts.creditCode': w('回避关系的统一社会信用代码', 'Conflict: credit code'),
  'conflicts.inspector': w('回避关系的检查人员', 'Conflict: inspector'),
  'conflicts.number': w('回避关系的经营许可证编号', 'Conflict: licence number'),
  population: w('抽取范围', 'Licences to draw from'),
  outcome: w('检查结果', 'Outcome'),
  finding: w('检查发现', 'Finding'),
  // query
  acknowledge: w('保存理由', 'Reason for saving'),
  after: w('起始序号', 'Sequence number to start after'),
  company: w('公司名称', 'Company name'),
  cursor: w('分页位置', 'Page cursor'),
  domain: w('域名', 'Domain'),
  end: w('结束位置', 'End'),
  'expiring-within': w('到期天数', 'Days to expiry'),
  first: w('第一个日志大小', 'First log size'),
  force: w('是否强制保存', 'Force the save'),
  from: w('开始日期', 'From'),
  index: w('日志序号', 'Log index'),
  key: w('订阅密钥', 'Feed key'),
  'querystring:kind': w('任务类型', 'Job kind'),
  lang: w('语言', 'Language'),
  limit: w('条数上限', 'Limit'),
  'querystring:name': w('文件名', 'File name'),
  org: w('组织', 'Organisation'),
  save: w('是否保存', 'Save'),
  second: w('第二个日志大小', 'Second log size'),
  service: w('业务代码', 'Service code'),
  severity: w('严重程度', 'Severity', LIST_FORM('error、warning、info')),
  start: w('起始位置', 'Start'),
  'querystring:status': w('状态', 'Status', LIST_FORM('状态值')),
  to: w('结束日期', 'To'),
  treeSize: w('日志大小', 'Log size'),
};

/** Fields whose value is a licence record (or part of one): named by the record's table. */
const RECORD_FIELDS = new Set(['licence', 'record']);

function requestField(part: RequestPart, key: string): FieldWords | undefined {
  const scoped = `${part}:${key}`;
  if (Object.hasOwn(REQUEST_FIELDS, scoped)) return REQUEST_FIELDS[scoped];
  return Object.hasOwn(REQUEST_FIELDS, key) ? REQUEST_FIELDS[key] : undefined;
}

const PART_WORDS: Readonly<Record<RequestPart, Words>> = {
  body: ['请求内容', 'The request body'],
  querystring: ['查询参数', 'The query'],
  params: ['网址路径', 'The URL path'],
  headers: ['请求头', 'The request headers'],
};

const pick = (words: Words, lang: FieldLang): string => words[lang === 'zh' ? 0 : 1];

/**
 * The words of a field, and the form its value takes when the table knows it. `known` is false
 * when a part of the path is in neither table: the label then quotes that part as it is.
 */
export function fieldWords(
  part: RequestPart,
  path: readonly (string | number)[],
  lang: FieldLang,
): { label: string; form?: string; known: boolean } {
  if (path.length === 0) return { label: pick(PART_WORDS[part], lang), known: true };
  const [top, ...rest] = path;
  // list indexes are left out of a field's key, and keys that are numbers (a report's items 1–6)
  // stand as `*`, their number the `{n}` of the words
  const names = path.filter((p) => typeof p === 'string');
  const n = names.filter((p) => /^\d+$/u.test(p)).at(-1) ?? '';
  const key = names.map((p) => (/^\d+$/u.test(p) ? '*' : p)).join('.');
  const named = requestField(part, key);
  if (named !== undefined && typeof path.at(-1) === 'string') {
    const fill = (words: Words) => pick(words, lang).replaceAll('{n}', n);
    return {
      label: fill(named.words),
      ...(named.form === undefined ? {} : { form: fill(named.form) }),
      known: true,
    };
  }
  // a licence record sent in the request, or a field shaped like one of its (services[0].name)
  const inRecord =
    typeof top === 'string' && RECORD_FIELDS.has(top) && rest.length > 0
      ? findFieldLabel(formatFieldPath(rest), lang)
      : null;
  const label = inRecord ?? findFieldLabel(formatFieldPath(path), lang);
  if (label !== null) return { label, known: true };
  const last = path.at(-1);
  const parent = fieldWords(part, path.slice(0, -1), lang);
  if (typeof last === 'number') {
    return {
      label:
        lang === 'zh' ? `${parent.label}的第 ${last + 1} 项` : `${parent.label}, item ${last + 1}`,
      known: parent.known,
    };
  }
  return {
    label:
      lang === 'zh' ? `${parent.label}中的字段“${last}”` : `${parent.label}: the field “${last}”`,
    known: false,
  };
}

const TYPES: Readonly<Record<string, Words>> = {
  string: ['文字', 'text'],
  number: ['数字', 'a number'],
  int: ['整数', 'a whole number'],
  boolean: ['true 或 false', 'true or false'],
  array: ['列表', 'a list'],
  object: ['对象', 'an object'],
  date: ['日期', 'a date'],
  null: ['null', 'null'],
};

const FORMATS: Readonly<Record<string, Words>> = {
  date: ['YYYY-MM-DD 格式的日期，且须是真实存在的日子', 'a real date written YYYY-MM-DD'],
  datetime: ['ISO 8601 格式的时间', 'an ISO 8601 date and time'],
  url: ['以 http:// 或 https:// 开头的网址', 'an http:// or https:// URL'],
  email: ['电子邮件地址', 'an e-mail address'],
  base64: ['base64 编码的内容', 'base64'],
};

/** Patterns whose form is known whatever the field (the licence record's dates, digests). */
const PATTERNS: readonly (readonly [RegExp, Words])[] = [
  [/\\d\{4\}-\\d\{2\}-\\d\{2\}/u, ['YYYY-MM-DD 格式的日期', 'a date written YYYY-MM-DD']],
  [
    /\[0-9a-fA-F\]\{64\}|\[0-9a-f\]\{64\}/u,
    ['64 位十六进制字符（0–9、a–f）', '64 hexadecimal characters (0–9, a–f)'],
  ],
];

/** A value the client sent or may send, quoted: “valid” (the same quotes in both languages). */
function quoted(value: unknown): string {
  return `“${typeof value === 'string' ? value : JSON.stringify(value)}”`;
}

function list(values: readonly unknown[], lang: FieldLang): string {
  return values.map(quoted).join(lang === 'zh' ? '、' : ', ');
}

function sizeSentence(
  origin: unknown,
  bound: number,
  inclusive: boolean,
  small: boolean,
): { zh: string; en: string } | undefined {
  if (origin === 'string') {
    if (small && bound <= 1) return { zh: '不能为空', en: 'must not be empty' };
    return small
      ? { zh: `至少 ${bound} 个字符`, en: `must be at least ${bound} characters long` }
      : { zh: `最多 ${bound} 个字符`, en: `must be at most ${bound} characters long` };
  }
  if (origin === 'array' || origin === 'set') {
    if (small && bound <= 1) return { zh: '至少要有 1 项', en: 'must have at least one item' };
    return small
      ? { zh: `至少要有 ${bound} 项`, en: `must have at least ${bound} items` }
      : { zh: `最多 ${bound} 项`, en: `must have at most ${bound} items` };
  }
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (small) {
      return inclusive
        ? { zh: `不能小于 ${bound}`, en: `must be at least ${bound}` }
        : { zh: `应大于 ${bound}`, en: `must be greater than ${bound}` };
    }
    return inclusive
      ? { zh: `不能大于 ${bound}`, en: `must be at most ${bound}` }
      : { zh: `应小于 ${bound}`, en: `must be less than ${bound}` };
  }
  return undefined;
}

/** What is wrong with the field, as the end of a sentence that starts with its name. */
function expectation(
  issue: RequestIssue,
  form: { zh?: string; en?: string },
): { zh: string; en: string } {
  const p = issue.params;
  switch (issue.code) {
    case 'invalid_type': {
      const type = TYPES[String(p['expected'])];
      if (type === undefined) return { zh: '的类型不对', en: 'is of the wrong type' };
      return { zh: zhJoin('应为', type[0]), en: `must be ${type[1]}` };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? p['minimum'] : p['maximum']);
      const said = sizeSentence(p['origin'], bound, p['inclusive'] !== false, small);
      if (said !== undefined) return { zh: said.zh, en: said.en };
      return small ? { zh: '过小', en: 'is too small' } : { zh: '过大', en: 'is too large' };
    }
    case 'invalid_format': {
      // zod's own format, else the field's own form, else a pattern known whatever the field
      const format = FORMATS[String(p['format'])];
      const pattern = typeof p['pattern'] === 'string' ? p['pattern'] : '';
      const known = PATTERNS.find(([re]) => re.test(pattern))?.[1];
      const zh = format?.[0] ?? form.zh ?? known?.[0];
      const en = format?.[1] ?? form.en ?? known?.[1];
      return zh !== undefined && en !== undefined
        ? { zh: zhJoin('应为', zh), en: `must be ${en}` }
        : { zh: '的格式不对', en: 'is not in the expected form' };
    }
    case 'invalid_value': {
      const values = Array.isArray(p['values']) ? (p['values'] as unknown[]) : [];
      if (values.length === 1) {
        return { zh: `应为${quoted(values[0])}`, en: `must be ${quoted(values[0])}` };
      }
      return {
        zh: `应为以下之一：${list(values, 'zh')}`,
        en: `must be one of ${list(values, 'en')}`,
      };
    }
    case 'not_multiple_of':
      return {
        zh: `应为 ${String(p['divisor'])} 的倍数`,
        en: `must be a multiple of ${String(p['divisor'])}`,
      };
    case 'unrecognized_keys': {
      const keys = Array.isArray(p['keys']) ? (p['keys'] as unknown[]) : [];
      return {
        zh: `中有不接受的字段${list(keys, 'zh')}，请删去`,
        en: `has ${keys.length === 1 ? 'a field' : 'fields'} it does not take (${list(keys, 'en')}); remove ${keys.length === 1 ? 'it' : 'them'}`,
      };
    }
    default:
      return { zh: '无效', en: 'is not valid' };
  }
}

/**
 * The issues of the union branch the request meant: the one that refuses none of the request's
 * values as not among its choices (a `kind` another branch takes), then the one with the fewest
 * failures. An obligation event without its day is told "the day is missing", not "the kind must
 * be a lifecycle event".
 */
function flatten(issues: readonly RequestIssue[]): RequestIssue[] {
  return issues.flatMap((issue) => {
    const branches = issue.params['errors'];
    if (issue.code !== 'invalid_union' || !Array.isArray(branches) || branches.length === 0) {
      return [issue];
    }
    type Branch = { code: string; path: (string | number)[] }[];
    const score = (b: Branch) =>
      b.filter((i) => i.code === 'invalid_value').length * 1000 + b.length;
    const closest = (branches as Branch[]).reduce((best, b) => (score(b) < score(best) ? b : best));
    return flatten(
      closest.map(({ code, path, ...rest }) => ({
        code,
        path: [...issue.path, ...path],
        params: rest,
      })),
    );
  });
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Chinese text joined to a code, a number or a Latin word stands apart from it by a space. */
function zhJoin(a: string, b: string): string {
  const latin = /[A-Za-z0-9)]/u;
  const ends = a.at(-1) ?? '';
  const starts = b.charAt(0);
  return latin.test(ends) !== latin.test(starts) && /[\p{Script=Han}]/u.test(ends + starts)
    ? `${a} ${b}`
    : `${a}${b}`;
}

/** One failure in words: 凭证说明不能为空 / "Evidence note must not be empty". */
export function describeIssue(part: RequestPart, issue: RequestIssue, data: unknown): FieldError {
  const missing = issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined;
  const zh = fieldWords(part, issue.path, 'zh');
  const en = fieldWords(part, issue.path, 'en');
  const where = { path: jsonPointer(issue.path), in: part, code: issue.code };
  if (missing) {
    return {
      ...where,
      message: `${capitalised(en.label)} is missing`,
      messageZh: zhJoin('请填写', zh.label),
    };
  }
  const said = expectation(issue, {
    ...(zh.form === undefined ? {} : { zh: zh.form }),
    ...(en.form === undefined ? {} : { en: en.form }),
  });
  return {
    ...where,
    message: `${capitalised(en.label)} ${said.en}`,
    messageZh: zhJoin(zh.label, said.zh),
  };
}

/** At most this many failures are told in the detail; `errors[]` has them all. */
const TOLD = 5;

/**
 * The problem fields of a request that failed validation: the detail in both languages, and
 * `errors[]`. `data` is the part of the request as received (to tell a missing field from a wrong
 * one).
 */
export function validationFailure(
  part: RequestPart,
  issues: readonly RequestIssue[],
  data: unknown,
): { detail: string; detailZh: string; errors: FieldError[] } {
  const errors = flatten(issues).map((i) => describeIssue(part, i, data));
  const told = errors.slice(0, TOLD);
  const more = errors.length - told.length;
  const detailZh = `请求有误：${told.map((e) => e.messageZh).join('；')}${more > 0 ? `；另有 ${more} 处问题` : ''}。请改正后重试。`;
  const detail = `The request is invalid: ${told.map((e) => e.message).join('; ')}${more > 0 ? `; and ${more} more` : ''}. Correct it and try again.`;
  return { detail, detailZh, errors };
}

/**
 * A request a handler validated itself against a zod schema (a multipart form's fields, a body
 * read by hand), failing: answered like a failure of the route's own schema (problem.ts).
 */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(
    readonly part: RequestPart,
    readonly issues: readonly RequestIssue[],
    /** the part as received, to tell a missing field from a wrong one */
    readonly data: unknown,
  ) {
    super('the request does not match its schema');
  }

  /** From zod's issues (`schema.safeParse(data).error.issues`). */
  static of(
    part: RequestPart,
    issues: readonly { code: string; path: readonly PropertyKey[] }[],
    data: unknown,
  ): RequestValidationError {
    return new RequestValidationError(
      part,
      issues.map(({ code, path, ...rest }) => ({
        code,
        path: path.filter((p): p is string | number => typeof p !== 'symbol'),
        params: rest,
      })),
      data,
    );
  }
}
