/**
 * Scope signals: what a page offers that a licence must cover, each with its evidence (the element,
 * its text, the URL), mapped to the catalogue (B25's service types, B21's transaction processing).
 *
 * Strong signals are features a visitor can use (a comment form, a cart, a chat vendor's script, a
 * WebSocket the page opened); weak ones are words and hints (a "在线客服" link, a 论坛 link). A
 * site-internal search box is not a search service: it is recorded apart, not as a signal.
 */
import { evidenceOf, type PageEvidence } from './page-facts.js';
import { hostOf, type PageElement, type PageForm, type PageModel } from './read-page.js';

export const SignalKind = {
  instantInteraction: 'instant-interaction',
  community: 'community',
  search: 'search',
  transaction: 'transaction',
} as const;
export type SignalKind = (typeof SignalKind)[keyof typeof SignalKind];

export const SignalStrength = { strong: 'strong', weak: 'weak' } as const;
export type SignalStrength = (typeof SignalStrength)[keyof typeof SignalStrength];

/** The catalogue service a kind of signal needs: a code and, within it, a service type or item. */
export interface SignalService {
  readonly code: string;
  /** a B25 service type (B25_SERVICE_TYPES) or B21 sub-service */
  readonly item: string;
  readonly kindName: string;
  readonly kindNameEn: string;
}

/** Kinds → catalogue (《电信业务分类目录（2015年版）》 B25 service types; B21 交易处理业务). */
export const SIGNAL_SERVICES: Readonly<Record<SignalKind, SignalService>> = {
  'instant-interaction': {
    code: 'B25',
    item: '信息即时交互服务',
    kindName: '即时交互',
    kindNameEn: 'instant interaction',
  },
  community: { code: 'B25', item: '信息社区平台服务', kindName: '社区', kindNameEn: 'community' },
  search: { code: 'B25', item: '信息搜索查询服务', kindName: '搜索', kindNameEn: 'search' },
  transaction: {
    code: 'B21',
    item: '交易处理业务',
    kindName: '交易',
    kindNameEn: 'transactions',
  },
};

export interface ScopeSignal {
  readonly kind: SignalKind;
  readonly strength: SignalStrength;
  /** what was seen, zh / en: 评论表单 / comment form */
  readonly what: string;
  readonly whatEn: string;
  readonly evidence: PageEvidence;
}

/** What the renderer saw beyond the HTML. */
export interface PageActivity {
  /** WebSocket URLs the page tried to open (never connected by the scan) */
  readonly websockets: readonly string[];
}

export interface PageSignals {
  readonly signals: readonly ScopeSignal[];
  /** site-internal search boxes: recorded, not a search service */
  readonly siteSearch: readonly PageEvidence[];
}

/** Third-party chat and customer-service widgets by script host. */
const CHAT_VENDORS: readonly (readonly [RegExp, string])[] = [
  [/(^|\.)meiqia\.com$/u, '美洽'],
  [/(^|\.)53kf\.com$/u, '53KF'],
  [/(^|\.)udesk\.cn$/u, 'Udesk'],
  [/(^|\.)easemob\.com$/u, '环信'],
  [/(^|\.)qiyukf\.(com|net)$/u, '网易七鱼'],
  [/(^|\.)sobot\.com$/u, '智齿'],
  [/(^|\.)live800\.com$/u, 'Live800'],
  [/(^|\.)tawk\.to$/u, 'tawk.to'],
  [/(^|\.)crisp\.chat$/u, 'Crisp'],
  [/(^|\.)intercom(cdn)?\.(io|com)$/u, 'Intercom'],
  [/(^|\.)zopim\.com$|(^|\.)zdassets\.com$/u, 'Zendesk Chat'],
];

/** Payment scripts by host. */
const PAYMENT_VENDORS: readonly (readonly [RegExp, string])[] = [
  [/(^|\.)alipay(objects)?\.com$/u, '支付宝'],
  [/(^|\.)tenpay\.com$|(^|\.)wx\.qq\.com$/u, '微信支付'],
  [/(^|\.)unionpay(secure)?\.com$/u, '银联'],
  [/(^|\.)stripe\.com$|(^|\.)paypal\.com$/u, 'Stripe/PayPal'],
];

const words = (...w: string[]): RegExp => new RegExp(w.join('|'), 'iu');

const CART = words(
  '购物车',
  '加入购物车',
  '去结算',
  '立即购买',
  '立即结算',
  '提交订单',
  'add to cart',
  'checkout',
  'buy now',
);
const PAY = words('立即支付', '去支付', '确认支付', '在线支付', 'pay now');
const CART_HINT =
  /(^|[-_\s/])(cart|checkout|basket|buy-now|add-to-cart|order-submit)([-_\s/?.]|$)/iu;
const PAY_HINT = /(^|[-_\s/])(pay|payment|cashier)([-_\s/?.]|$)/iu;
const COMMENT_WORDS = words(
  '评论',
  '回复',
  '发帖',
  '发表',
  '跟帖',
  '评价',
  'comment',
  'reply',
  'post',
);
const GUESTBOOK = words('留言');
const FORUM_WORDS = words('论坛', '社区', '发帖', '贴吧', 'forum', 'bbs');
const CHAT_WORDS = words(
  '在线客服',
  '在线咨询',
  '在线聊天',
  '联系客服',
  '聊天室',
  'live chat',
  'chat now',
);
const DANMAKU = words('弹幕', 'danmaku', 'danmu', 'barrage');
const GENERAL_SEARCH = words(
  '全网',
  '网页搜索',
  '搜索引擎',
  '搜索全部网站',
  '互联网搜索',
  'web search',
  'search the web',
);
const SITE_SEARCH = words('本站', '站内', '本网站', '搜索本', 'search this site', 'site search');
const SEARCH_NAMES = /^(q|wd|word|query|keyword|keywords|kw|key|search|s)$/iu;

function describe(e: PageElement): string {
  const a = e.attrs;
  return [
    e.text,
    a['placeholder'],
    a['value'],
    a['aria-label'],
    a['title'],
    a['name'],
    a['id'],
    a['class'],
    a['href'],
    a['action'],
  ]
    .filter((x) => x !== undefined && x !== '')
    .join(' ');
}

function isSearchForm(form: PageForm): boolean {
  return (
    form.element.attrs['role'] === 'search' ||
    form.fields.some(
      (f) => f.attrs['type'] === 'search' || SEARCH_NAMES.test(f.attrs['name'] ?? ''),
    ) ||
    /(^|\/)(search|s)(\/|$|\?)/iu.test(form.action.replace(/^https?:\/\/[^/]+/iu, ''))
  );
}

function formText(form: PageForm): string {
  return [describe(form.element), ...form.fields.map(describe), ...form.buttons.map(describe)].join(
    ' ',
  );
}

/** Read the scope signals off a page (and what its renderer saw). */
export function readSignals(
  page: PageModel,
  activity: PageActivity = { websockets: [] },
): PageSignals {
  const signals: ScopeSignal[] = [];
  const siteSearch: PageEvidence[] = [];
  const seen = new Set<string>();
  const add = (
    kind: SignalKind,
    strength: SignalStrength,
    what: string,
    whatEn: string,
    evidence: PageEvidence,
  ): void => {
    const key = `${kind}\u0000${evidence.element}\u0000${evidence.url}`;
    if (seen.has(key)) return;
    seen.add(key);
    signals.push({ kind, strength, what, whatEn, evidence });
  };
  const pageHost = hostOf(page.url);

  // Forms: comment and reply forms, guestbooks, search boxes.
  const formPaths = new Set<string>();
  for (const form of page.forms) {
    const text = formText(form);
    const hasTextarea = form.fields.some((f) => f.tag === 'textarea');
    const label = [
      ...new Set(
        [
          ...form.fields.map((f) => f.attrs['placeholder'] ?? ''),
          ...form.buttons.map((b) => b.text || (b.attrs['value'] ?? '')),
        ].filter((x) => x !== ''),
      ),
    ].join(' / ');
    const ev = evidenceOf(form.element, form.action, label === '' ? form.element.text : label);
    if (isSearchForm(form)) {
      formPaths.add(form.element.path);
      const external = hostOf(form.action) !== '' && hostOf(form.action) !== pageHost;
      if (GENERAL_SEARCH.test(text)) {
        add('search', 'strong', '通用搜索服务的搜索框', 'a general web search box', ev);
      } else if (SITE_SEARCH.test(text) || !external) {
        siteSearch.push(ev);
      } else {
        add(
          'search',
          'weak',
          '提交到其他网站的搜索框',
          'a search box submitting to another site',
          ev,
        );
      }
      continue;
    }
    if (hasTextarea && COMMENT_WORDS.test(text)) {
      formPaths.add(form.element.path);
      add('community', 'strong', '评论/回复表单', 'a comment or reply form', ev);
    } else if (hasTextarea && GUESTBOOK.test(text)) {
      formPaths.add(form.element.path);
      add('community', 'weak', '留言表单', 'a guestbook or message form', ev);
    }
  }

  // Controls: carts, checkout, payment, chat links, forum links, live comments.
  for (const c of page.controls) {
    if (c.tag === 'form' || c.ancestors.some((p) => formPaths.has(p))) continue;
    const text = describe(c);
    const hint = `${c.attrs['id'] ?? ''} ${c.attrs['class'] ?? ''} ${c.attrs['href'] ?? ''}`;
    const url = c.attrs['href'] ?? c.attrs['action'] ?? page.url;
    const ev = evidenceOf(c, url);
    if (CART.test(c.text) || CART_HINT.test(hint)) {
      add('transaction', 'strong', '购物车/结算', 'a shopping cart or checkout', ev);
    } else if (PAY.test(c.text) || PAY_HINT.test(hint)) {
      add('transaction', 'strong', '支付入口', 'a payment control', ev);
    } else if (DANMAKU.test(text)) {
      add('instant-interaction', 'strong', '弹幕（实时评论）', 'live comments (danmaku)', ev);
    } else if (CHAT_WORDS.test(c.text)) {
      add(
        'instant-interaction',
        'weak',
        '在线客服/聊天入口',
        'a chat or customer-service link',
        ev,
      );
    } else if (FORUM_WORDS.test(c.text)) {
      add('community', 'weak', '论坛/社区入口', 'a forum or community link', ev);
    }
  }

  // Scripts and frames: chat and payment vendors.
  for (const s of page.scripts) {
    const src = s.attrs['src'] ?? '';
    const host = hostOf(src);
    const chat = CHAT_VENDORS.find(([re]) => re.test(host));
    if (chat) {
      add(
        'instant-interaction',
        'strong',
        `在线聊天组件（${chat[1]}）`,
        `a chat widget (${chat[1]})`,
        evidenceOf(s, src, src),
      );
    }
    const pay = PAYMENT_VENDORS.find(([re]) => re.test(host));
    if (pay)
      add(
        'transaction',
        'strong',
        `支付组件（${pay[1]}）`,
        `a payment script (${pay[1]})`,
        evidenceOf(s, src, src),
      );
  }

  // WebSockets: opened by the page (rendered mode), or written in its inline code.
  for (const ws of activity.websockets) {
    add(
      'instant-interaction',
      'strong',
      '页面打开的 WebSocket 连接',
      'a WebSocket the page opened',
      {
        element: 'WebSocket',
        text: ws,
        url: ws,
        region: 'body',
        centred: false,
      },
    );
  }
  page.inlineScripts.forEach((code, i) => {
    const m = /new\s+WebSocket\s*\(\s*['"`]?([^'"`)\s]*)/u.exec(code);
    if (m) {
      add('instant-interaction', 'weak', '页面脚本使用 WebSocket', 'page script uses WebSocket', {
        element: `script:nth-of-type(${i + 1})`,
        text: m[0].slice(0, 120),
        url: m[1] !== undefined && m[1] !== '' ? m[1] : page.url,
        region: 'body',
        centred: false,
      });
    }
  });
  return { signals, siteSearch };
}
