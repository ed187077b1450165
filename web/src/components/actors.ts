/**
 * Who did something, in words (docs/glossary.md). The server records an actor as `kind:name`
 * (`token:web sign-in`, `cli:alice`, `follow:…`) and names the tokens it makes itself in English
 * (`web sign-in`, `calendar feed`); pages show them in the page's language. An actor of another
 * form is shown as it is.
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

const at = (pair: readonly [string, string], lang: Lang): string => pair[lang === 'zh' ? 0 : 1];

/** A token's name: the server's own in words (网页登录 / web sign-in), any other as it is. */
export function tokenName(name: string, lang: Lang): string {
  const builtIn = BUILT_IN[name];
  return builtIn === undefined ? name : at(builtIn, lang);
}

/** `token:web sign-in` → 网页登录; `token:ci` → 令牌“ci”; `cli:alice` → 命令行（alice）. */
export function actorName(actor: string, lang: Lang): string {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const name = colon < 0 ? '' : actor.slice(colon + 1);
  if (kind === 'token' && BUILT_IN[name] !== undefined) return tokenName(name, lang);
  const words = KINDS[kind];
  if (words === undefined || name === '')
    return actor === 'cli' ? at(['命令行', 'command line'], lang) : actor;
  return interpolate(at(words, lang), { name });
}
