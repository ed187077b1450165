/**
 * The original beside its fields (/licences/{number}/original/{sha256}, 对照原件): the fields of the
 * version read from a stored document, beside that document's pages as the server draws them
 * (`GET …/documents/{sha256}/pages/{page}`: a PDF's pages rasterised, a scan turned upright as OCR
 * saw it), page after page until the server has no more, and the original itself to download. A
 * page of its own, linked from each version of the licence page's history: the licence page's
 * script budget has no room for a viewer (docs/web-ui.md). The images are plain <img>: the session
 * is a cookie, which the browser sends with them. No stylesheet of its own (a few inline styles):
 * each file a page needs is named in the shell's preload list, which every page loads.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { api, call } from '../api/client';
import { useData } from '../api/use-data';
import { PageHeader } from '../components/common';
import { Loaded } from '../components/Loaded';
import { fieldLabel } from '../components/licence/field-names';
import { useNames } from '../components/licence/labels';
import type { Version } from '../components/licence/types';
import { formatDate } from '../format';
import { defineMessages, PUNCT, useLang, useT } from '../i18n';

const m = defineMessages({
  title: ['对照原件：{number}', 'Original: {number}'],
  back: ['返回许可证 {number}', 'Back to licence {number}'],
  download: ['下载原件', 'Download the original'],
  fields: ['第 {v} 版的字段', 'Fields of version {v}'],
  versions: ['读自这份原件的版本', 'Versions read from this original'],
  version: ['第 {v} 版', 'Version {v}'],
  pages: ['原件', 'Original'],
  page: ['第 {p} 页', 'Page {p}'],
  loadingPage: ['正在加载第 {p} 页…', 'Loading page {p}…'],
  noPages: [
    '这份原件没有页面图像（例如文本文件）：请下载后查看。',
    'This original has no page images (a text file, say): download it to read it.',
  ],
  notStated: ['未载明', 'Not stated'],
  notCited: [
    '许可证 {number} 没有哪个版本读自这份文件。',
    'No version of licence {number} was read from this document.',
  ],
});

/** fields and pages side by side, one above the other where there is no room for both */
const GRID = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))',
  gap: '1.5rem',
  alignItems: 'start',
} as const;
/** the pages scroll on their own, beside the fields */
const PAGES = {
  maxHeight: '85vh',
  overflow: 'auto',
  margin: 0,
  padding: 0,
  listStyle: 'none',
  border: '1px solid var(--line)',
} as const;

/**
 * The document's pages, one image each, asked for one after another: the next page once this one
 * has loaded, until the server answers a page with an error (404 past the last page, or a
 * document with no pages at all).
 */
function Pages({ base }: { base: string }) {
  const t = useT(m);
  // pages asked for so far; how many there are, once a page past the last has failed
  const [asked, setAsked] = useState(1);
  const [count, setCount] = useState<number>();
  const shown = count ?? asked;
  return (
    <>
      {count === 0 && <p className="notice notice-info">{t('noPages')}</p>}
      <ol style={PAGES} tabIndex={0} aria-label={t('pages')}>
        {Array.from({ length: shown }, (_, i) => i + 1).map((p) => (
          <li key={p}>
            <img
              style={{ display: 'block', width: '100%', height: 'auto' }}
              src={`${base}/pages/${p}`}
              alt={t('page', { p })}
              onLoad={() => {
                if (p === asked) setAsked(p + 1);
              }}
              onError={() => {
                setCount(p - 1);
              }}
            />
          </li>
        ))}
      </ol>
      {count === undefined && (
        <p className="loading" role="status">
          {t('loadingPage', { p: asked })}
        </p>
      )}
    </>
  );
}

/** Fields whose values are days, shown as the UI shows dates. */
const DATES = /(^|\.)(issuedOn|validFrom|expiresOn|stampedOn|date)$/u;

/** a field's value in a record: words, a number, or a list of words */
type Value = string | number | null | readonly string[];
type Leaf = readonly [path: string, value: Value];

/**
 * A record's fields as (path, value), in the record's order: `holder.name`, `services[0].coverage`
 * (a list of words is one value); a list of items with none is one empty value.
 */
function leaves(value: unknown, path: string, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
    value.forEach((v, i) => leaves(v, `${path}[${String(i)}]`, out));
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, path === '' ? k : `${path}.${k}`, out);
  } else {
    // what is neither a list of items nor an object is a value (the record's schema)
    out.push([path, value as Value]);
  }
  return out;
}

/** A version's record, each field by its name in words (field-names.ts). */
function RecordFields({ record }: { record: Version['licence'] }) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  const show = (path: string, v: Value) => {
    if (v === null || v === '' || (typeof v === 'object' && v.length === 0))
      return <em>{t('notStated')}</em>;
    if (typeof v === 'object') return v.join(PUNCT[lang].list);
    const text = String(v);
    if (path === 'kind') return name('licence', text);
    return DATES.test(path) ? formatDate(text, lang) : text;
  };
  return (
    <dl className="facts">
      {leaves(record, '').map(([path, v]) => (
        <div key={path}>
          <dt title={path}>{fieldLabel(path, lang)}</dt>
          <dd>{show(path, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Fields({ versions }: { versions: readonly Version[] }) {
  const t = useT(m);
  // the newest version read from this original first; the reviewer may pick an older one
  const [chosen, setChosen] = useState(0);
  const v = versions[chosen] ?? versions[0];
  if (v === undefined) return null;
  return (
    <>
      {versions.length > 1 && (
        <div
          style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}
          role="group"
          aria-label={t('versions')}
        >
          {versions.map((w, i) => (
            <button
              key={w.version}
              type="button"
              aria-pressed={i === chosen}
              onClick={() => {
                setChosen(i);
              }}
            >
              {t('version', { v: w.version })}
            </button>
          ))}
        </div>
      )}
      <h2 id="original-fields-heading">{t('fields', { v: v.version })}</h2>
      <RecordFields record={v.licence} />
    </>
  );
}

export default function Original({ number, sha256 }: { number: string; sha256: string }) {
  const t = useT(m);
  const licence = `/licences/${encodeURIComponent(number)}`;
  const base = `/api/v1${licence}/documents/${encodeURIComponent(sha256)}`;
  const history = useData(['licence', number, 'history'], () =>
    call(api.GET('/api/v1/licences/{number}/history', { params: { path: { number } } })),
  );
  return (
    <>
      <PageHeader title={t('title', { number })}>
        <Link href={licence} className="button">
          {t('back', { number })}
        </Link>
        <a href={base} className="button" download>
          {t('download')}
        </a>
      </PageHeader>
      <p className="hint mono" style={{ overflowWrap: 'anywhere' }}>
        SHA-256 {sha256}
      </p>
      <Loaded read={history}>
        {({ versions }) => {
          const read = versions
            .filter((v) => v.documentSha256 === sha256)
            .sort((a, b) => b.version - a.version);
          return read.length === 0 ? (
            <p className="notice notice-warn" role="alert">
              {t('notCited', { number })}
            </p>
          ) : (
            <div style={GRID}>
              <section aria-labelledby="original-fields-heading">
                <Fields versions={read} />
              </section>
              <section aria-labelledby="original-pages-heading">
                <h2 id="original-pages-heading">{t('pages')}</h2>
                <Pages base={base} />
              </section>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
