/**
 * HTML → the page as the scan reads it: the elements that carry text, links, forms, controls and
 * scripts, each with a CSS-like path, the page region it stands in and whether it is centred.
 * Pure (cheerio's htmlparser2 build, no I/O); the same function reads fetched and rendered HTML.
 */
import { load } from 'cheerio/slim';
import type { AnyNode, Element, Text } from 'domhandler';

/** Where on the page an element stands: its nearest landmark ancestor. */
export const PageRegion = {
  header: 'header',
  nav: 'nav',
  main: 'main',
  aside: 'aside',
  footer: 'footer',
  body: 'body',
} as const;
export type PageRegion = (typeof PageRegion)[keyof typeof PageRegion];

/** One element of the page, with what the scan needs of it. */
export interface PageElement {
  readonly tag: string;
  /** `body > footer > p:nth-of-type(2) > a`: enough to find it in the browser's inspector */
  readonly path: string;
  readonly region: PageRegion;
  /** its text content, whitespace collapsed */
  readonly text: string;
  /** whether it or an ancestor is centred by markup (text-align:center, <center>, align=center) */
  readonly centred: boolean;
  /** attributes the scan reads: id, class, href, action, method, role, type, name, placeholder, src, aria-label, value */
  readonly attrs: Readonly<Record<string, string>>;
  /** the nearest ancestor-or-self link target, resolved against the page URL */
  readonly link: string | null;
  /** paths of ancestors, nearest first (for containment) */
  readonly ancestors: readonly string[];
}

/** A form with its fields and buttons. */
export interface PageForm {
  readonly element: PageElement;
  /** resolved action URL (the page URL when the form has none) */
  readonly action: string;
  readonly fields: readonly PageElement[];
  readonly buttons: readonly PageElement[];
}

export interface PageModel {
  readonly url: string;
  readonly title: string;
  /** elements with text of their own (not only through children), in document order */
  readonly blocks: readonly PageElement[];
  /** a, button, input, textarea, select, iframe, and elements whose id/class says what they do */
  readonly controls: readonly PageElement[];
  readonly forms: readonly PageForm[];
  /** external script and iframe URLs, resolved */
  readonly scripts: readonly PageElement[];
  /** inline script text (for WebSocket use in the code) */
  readonly inlineScripts: readonly string[];
}

const KEPT_ATTRS = [
  'id',
  'class',
  'href',
  'action',
  'method',
  'role',
  'type',
  'name',
  'placeholder',
  'src',
  'aria-label',
  'value',
  'title',
  'style',
  'align',
];

const LANDMARKS: Readonly<Record<string, PageRegion>> = {
  header: 'header',
  nav: 'nav',
  main: 'main',
  aside: 'aside',
  footer: 'footer',
};

const CONTROL_TAGS = new Set(['a', 'button', 'input', 'textarea', 'select', 'iframe', 'form']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title']);
const HINT = /cart|checkout|basket|pay|chat|kefu|im-|danmaku|danmu|barrage|comment|reply|search/iu;

/** Collapse whitespace (ideographic space included) to single spaces. */
export function collapse(text: string): string {
  return text.replace(/[\s\u3000]+/gu, ' ').trim();
}

/**
 * Resolve `href` against `base` without the URL class (not available in the pure core): absolute
 * http(s) URLs are kept, `//host/…`, `/path` and relative paths are joined; other schemes
 * (javascript:, mailto:) come back as written.
 */
export function resolveHref(base: string, href: string): string {
  const h = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/iu.test(h)) return h;
  const m = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)([^?#]*)/iu.exec(base);
  if (!m) return h;
  const [, scheme = '', authority = '', path = ''] = m;
  if (h.startsWith('//')) return `${scheme}${h}`;
  if (h.startsWith('/')) return `${scheme}//${authority}${h}`;
  if (h === '' || h.startsWith('#') || h.startsWith('?'))
    return `${base.replace(/[#].*$/u, '')}${h.startsWith('#') ? '' : h}`;
  const dir = path.replace(/[^/]*$/u, '') || '/';
  return `${scheme}//${authority}${dir}${h}`;
}

/** The host of an absolute http(s) URL, lower case, without port; '' otherwise. */
export function hostOf(url: string): string {
  const m = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/iu.exec(url);
  return (m?.[1] ?? '').toLowerCase();
}

function isText(node: AnyNode): node is Text {
  const type: string = node.type;
  return type === 'text';
}

function isElement(node: AnyNode): node is Element {
  // Widened to string: domhandler's ElementType enum is a runtime import we do not need.
  const type: string = node.type;
  return type === 'tag' || type === 'script' || type === 'style';
}

interface Context {
  readonly path: string;
  readonly region: PageRegion;
  readonly centred: boolean;
  readonly link: string | null;
  readonly ancestors: readonly string[];
}

function segment(el: Element, siblings: readonly AnyNode[]): string {
  const tag = el.name.toLowerCase();
  const id = el.attribs['id'];
  if (id !== undefined && /^[\w-]+$/u.test(id)) return `${tag}#${id}`;
  const cls = (el.attribs['class'] ?? '').trim().split(/\s+/u)[0];
  const same = siblings.filter((s) => isElement(s) && s.name.toLowerCase() === tag);
  const nth = same.length > 1 ? `:nth-of-type(${same.indexOf(el) + 1})` : '';
  return `${tag}${cls !== undefined && cls !== '' && /^[\w-]+$/u.test(cls) ? `.${cls}` : ''}${nth}`;
}

function regionOf(el: Element, inherited: PageRegion): PageRegion {
  const landmark = LANDMARKS[el.name.toLowerCase()];
  if (landmark !== undefined) return landmark;
  const role = el.attribs['role'];
  if (role === 'contentinfo') return 'footer';
  if (role === 'banner') return 'header';
  if (inherited !== 'body') return inherited;
  const idClass = `${el.attribs['id'] ?? ''} ${el.attribs['class'] ?? ''}`;
  if (/foot|bottom|copyright/iu.test(idClass)) return 'footer';
  if (/header|topbar/iu.test(idClass)) return 'header';
  return inherited;
}

function isCentred(el: Element): boolean {
  const style = (el.attribs['style'] ?? '').replace(/\s/gu, '').toLowerCase();
  return (
    el.name.toLowerCase() === 'center' ||
    style.includes('text-align:center') ||
    (el.attribs['align'] ?? '').toLowerCase() === 'center' ||
    /(^|\s)(text-center|center|tc|footer-center)(\s|$)/iu.test(el.attribs['class'] ?? '')
  );
}

function attrsOf(el: Element, base: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEPT_ATTRS) {
    const v = el.attribs[k];
    if (v === undefined) continue;
    out[k] = k === 'href' || k === 'action' || k === 'src' ? resolveHref(base, v) : v;
  }
  return out;
}

/**
 * Read `html` fetched from (or rendered at) `url`. Never throws: htmlparser2 reads any text as HTML.
 */
export function readPage(html: string, url: string): PageModel {
  const $ = load(html);
  const blocks: PageElement[] = [];
  const controls: PageElement[] = [];
  const scripts: PageElement[] = [];
  const inlineScripts: string[] = [];
  const formNodes: { el: Element; element: PageElement }[] = [];
  const byNode = new Map<Element, PageElement>();
  const title = collapse($('title').first().text());

  const visit = (node: Element, parentSiblings: readonly AnyNode[], ctx: Context): void => {
    const tag = node.name.toLowerCase();
    const path =
      ctx.path === ''
        ? segment(node, parentSiblings)
        : `${ctx.path} > ${segment(node, parentSiblings)}`;
    const region = regionOf(node, ctx.region);
    const centred = ctx.centred || isCentred(node);
    const attrs = attrsOf(node, url);
    const href = tag === 'a' ? attrs['href'] : undefined;
    const link = href !== undefined && /^https?:/iu.test(href) ? href : ctx.link;
    if (tag === 'script') {
      const src = attrs['src'];
      if (src !== undefined) {
        scripts.push({
          tag,
          path,
          region,
          text: '',
          centred,
          attrs,
          link: null,
          ancestors: ctx.ancestors,
        });
      } else {
        inlineScripts.push($(node).text());
      }
      return;
    }
    if (SKIPPED.has(tag)) return;
    const element: PageElement = {
      tag,
      path,
      region,
      text: collapse($(node).text()),
      centred,
      attrs,
      link,
      ancestors: ctx.ancestors,
    };
    byNode.set(node, element);
    if (tag === 'iframe' && attrs['src'] !== undefined) scripts.push(element);
    const ownText = node.children.some((c) => isText(c) && collapse(c.data) !== '');
    if (ownText) blocks.push(element);
    const hint = `${attrs['id'] ?? ''} ${attrs['class'] ?? ''}`;
    if (CONTROL_TAGS.has(tag) || HINT.test(hint)) controls.push(element);
    if (tag === 'form') formNodes.push({ el: node, element });
    const next: Context = { path, region, centred, link, ancestors: [path, ...ctx.ancestors] };
    for (const child of node.children) if (isElement(child)) visit(child, node.children, next);
  };

  const root = $.root()[0];
  const top = root?.children ?? [];
  const start: Context = { path: '', region: 'body', centred: false, link: null, ancestors: [] };
  for (const child of top) if (isElement(child)) visit(child, top, start);

  const forms: PageForm[] = formNodes.map(({ el, element }) => {
    const inside = (tags: string): PageElement[] =>
      $(el)
        .find(tags)
        .toArray()
        .map((n) => byNode.get(n))
        .filter((e): e is PageElement => e !== undefined);
    return {
      element,
      action: element.attrs['action'] ?? url,
      fields: inside('input, textarea, select'),
      buttons: inside('button, input[type=submit], input[type=button]'),
    };
  });
  return { url, title, blocks, controls, forms, scripts, inlineScripts };
}
