/**
 * Who did something, in words (docs/glossary.md). The server records an actor as `kind:rest`
 * (src/core/actor.ts): a person signed in, `person:{"id","name","email","address"}`, is shown by
 * name; an API token, `token:{"id","name","createdBy","address"}`, by its name and who created it;
 * older entries `token:web sign-in`, `cli:alice`, `follow:…` by their kind. The tokens the server
 * makes itself are named in English (`web sign-in`, `calendar feed`); pages show them in the page's
 * language. An actor of another form is shown as it is.
 */
import { interpolate, type Lang } from '../i18n';

/** The names the server gives its own tokens. */
const BUILT_IN: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  'web sign-in': ['网页登录', 'web sign-in'],
  'calendar feed': ['日历订阅', 'calendar feed'],
  'first-start sign-in': ['首次启动登录', 'first-start sign-in'],
};

/** Each kind of actor, `{name}` the part after the colon. */
const KINDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  token: ['令牌“{name}”', 'token “{name}”'],
  cli: ['命令行（{name}）', 'command line ({name})'],
  follow: ['镜像登记（{name}）', 'mirrored register ({name})'],
  authority: ['发证机关（{name}）', 'issuing authority ({name})'],
  xuke: ['系统（{name}）', 'the system ({name})'],
};

/** A token a person created: its name and theirs. */
const CREATED: readonly [zh: string, en: string] = [
  '令牌“{name}”（{by} 创建）',
  'token “{name}” (created by {by})',
];

const at = (pair: readonly [string, string], lang: Lang): string => pair[lang === 'zh' ? 0 : 1];

/** A token's name: the server's own in words (网页登录 / web sign-in), any other as it is. */
export function tokenName(name: string, lang: Lang): string {
  const builtIn = BUILT_IN[name];
  return builtIn === undefined ? name : at(builtIn, lang);
}

/** The JSON part of a person's or a token's actor (src/core/actor.ts). */
interface Recorded {
  readonly name: string;
  readonly email?: string | null;
  readonly createdBy?: { readonly name: string } | null;
}

/**
 * `person:{…}` → 张三; `token:{…}` → 令牌“ci”（张三 创建）; `token:web sign-in` → 网页登录;
 * `token:ci` → 令牌“ci”; `cli:alice` → 命令行（alice）.
 */
export function actorName(actor: string, lang: Lang): string {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  let name = colon < 0 ? '' : actor.slice(colon + 1);
  let by: string | undefined;
  if ((kind === 'person' || kind === 'token') && name.startsWith('{')) {
    try {
      const o = JSON.parse(name) as Recorded;
      // a person by name (by e-mail when the name is empty), a token by its own
      if (kind === 'person') return o.name || o.email || actor;
      name = o.name;
      by = o.createdBy?.name;
    } catch {
      // not JSON after all: the name as written
    }
  }
  if (kind === 'token' && BUILT_IN[name] !== undefined) return tokenName(name, lang);
  if (kind === 'token' && by !== undefined) return interpolate(at(CREATED, lang), { name, by });
  const words = KINDS[kind];
  if (words === undefined || name === '')
    return actor === 'cli' ? at(['命令行', 'command line'], lang) : actor;
  return interpolate(at(words, lang), { name });
}
