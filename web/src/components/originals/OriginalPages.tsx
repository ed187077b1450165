/**
 * The original beside the fields (对照原件), loaded when the reviewer first asks for it: the image
 * the reviewer chose, with the active field's place outlined on it (a thick outline and the field's
 * name, not a colour alone) and scrolled into view inside the viewer without moving the page. A PDF
 * is shown in the browser's own viewer, where nothing can be marked; TIFF, which browsers do not
 * show, is said so.
 */
import { useEffect, useRef, useState } from 'react';
import { defineMessages, useT } from '../../i18n';

const m = defineMessages({
  pdf: [
    'PDF 由浏览器显示，无法标出字段位置。',
    'The browser shows the PDF: fields cannot be marked on it.',
  ],
  tiff: ['浏览器无法显示 TIFF 图片。', 'Browsers cannot show TIFF images.'],
  noPlace: ['此字段在原件上的位置未知。', 'This field’s place on the original is not known.'],
});

/** The active field's place: [left, top, width, height], fractions of its page's image. */
export interface Mark {
  readonly page: number;
  readonly box: readonly [number, number, number, number];
  readonly label: string;
}

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

export default function OriginalPages({
  file,
  mark,
}: {
  file: File;
  /** the active field's place; null when a field is active but its place is not known */
  mark?: Mark | null | undefined;
}) {
  const t = useT(m);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
    };
  }, [file]);
  const box = useRef<HTMLDivElement>(null);
  const marked = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const b = box.current;
    const e = marked.current;
    // the viewer and the page are positioned: scroll the viewer, not the window
    if (b && e) b.scrollTop = Math.max(0, e.offsetTop - b.clientHeight / 3);
  }, [mark, url]);

  const name = file.name.toLowerCase();
  // an image is one page: its page 1
  const here = mark?.page === 1 ? mark : undefined;
  return (
    <div className="original">
      {name.endsWith('.pdf') ? (
        <>
          <p className="hint">{t('pdf')}</p>
          {url && (
            <object className="original-pdf" data={url} type="application/pdf" title={file.name} />
          )}
        </>
      ) : /\.tiff?$/u.test(name) ? (
        <p className="notice notice-info">{t('tiff')}</p>
      ) : (
        <>
          {mark === null && <p className="hint">{t('noPlace')}</p>}
          <div ref={box} className="original-box" role="region" aria-label={file.name} tabIndex={0}>
            {url && <img src={url} alt={file.name} />}
            {here && (
              <span
                ref={marked}
                className="original-mark"
                style={{
                  left: pct(here.box[0]),
                  top: pct(here.box[1]),
                  width: pct(here.box[2]),
                  height: pct(here.box[3]),
                }}
              >
                <span className="original-mark-label">{here.label}</span>
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
