/**
 * The source beside the fields: numbered lines, the active field's line marked (a <mark>, a ▶ and
 * a thicker edge, not only a colour) and scrolled into view inside the pane without moving the page.
 */
import { Fragment, useEffect, useRef } from 'react';
import { PUNCT, useLang, useT } from '../../i18n';
import { reviewMessages as m } from './messages';
import type { SourceText } from './source-lines';

export function SourcePane({
  source,
  activeLine,
  evidenceLines,
}: {
  source: SourceText;
  activeLine: number | null;
  /** lines some field rests on: marked faintly */
  evidenceLines: ReadonlySet<number>;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = boxRef.current;
    if (activeLine === null || box === null) return;
    const row = box.querySelector<HTMLElement>(`[data-line="${activeLine}"]`);
    if (row === null) return;
    // the pane is the row's offsetParent (position: relative): scroll it, not the window
    box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 3);
  }, [activeLine]);

  /** lines from…to left out (to ≥ from) */
  const gap = (from: number, to: number) => (
    <li className="review-gap">{from === to ? t('gapOne', { from }) : t('gap', { from, to })}</li>
  );
  const rows = source.lines.map((line, i) => {
    const before = i === 0 ? 0 : (source.lines[i - 1]?.no ?? 0);
    const missing = source.complete ? 0 : line.no - before - 1;
    const active = line.no === activeLine;
    return (
      <Fragment key={line.no}>
        {missing > 0 && gap(before + 1, line.no - 1)}
        <li
          data-line={line.no}
          className={
            active
              ? 'review-line is-active'
              : evidenceLines.has(line.no)
                ? 'review-line is-evidence'
                : 'review-line'
          }
          aria-current={active ? 'true' : undefined}
        >
          <span className="review-line-no" aria-hidden="true">
            {active ? '▶' : ''}
            {line.no}
          </span>
          <span className="review-line-text">
            {active ? (
              <mark>
                <span className="visually-hidden">
                  {t('activeLine')}
                  {PUNCT[lang].colon}
                </span>
                {line.text}
              </mark>
            ) : (
              line.text
            )}
          </span>
        </li>
      </Fragment>
    );
  });

  // the lines after the last one shown, when the text was cut
  const last = source.lines.at(-1)?.no ?? 0;
  const after = source.complete ? 0 : source.lineCount - last;

  return (
    <section className="review-source" aria-labelledby="review-source-heading">
      <h2 id="review-source-heading">{t('sourceHeading')}</h2>
      <p className="hint">
        {source.complete
          ? t('sourceComplete', { n: source.lineCount })
          : t('sourcePartial', { total: source.lineCount, n: source.leading })}
      </p>
      <div
        ref={boxRef}
        className="review-source-box"
        role="region"
        aria-label={t('sourceRegion')}
        tabIndex={0}
      >
        <ol className="review-source-lines">
          {rows}
          {after > 0 && gap(last + 1, source.lineCount)}
        </ol>
      </div>
    </section>
  );
}
