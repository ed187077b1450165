/**
 * Upload and review (/upload): drop or choose a licence document (text, PDF or image); it is sent
 * to `POST /api/v1/documents` to be read and checked (not stored), with the upload's progress and
 * then the reading (OCR of a scan takes seconds) shown; then the review screen. A large document
 * (over the server's size or page threshold) answers 202 with a job: its queue position and pages
 * (JobProgress) are shown until it is done, and then the same review.
 */
import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { isJobView, jobFailure, type JobView } from '../api/jobs';
import { PageHeader } from '../components/common';
import { JobProgress } from '../components/JobProgress';
import { DocumentError } from '../components/review/DocumentError';
import {
  ACCEPT_ATTRIBUTE,
  MAX_DOCUMENT_BYTES,
  readDocument,
  refuseFile,
  type DocumentResult,
} from '../components/review/review-api';
import { ReviewScreen } from '../components/review/ReviewScreen';
import { defineMessages, useT } from '../i18n';
import './upload.css';

const m = defineMessages({
  title: ['上传核验', 'Upload & review'],
  intro: [
    '上传许可证文件，xuke 读出字段并核验；您可对照原文更正字段，再保存到许可证库。',
    'Upload a licence document: xuke reads and checks its fields; correct them against the source, then save to the registry.',
  ],
  fileLabel: ['许可证文件', 'Licence file'],
  dropHint: ['把文件拖到这里，或点击选择文件。', 'Drop a file here, or choose one.'],
  formats: [
    '支持文本（.txt）、PDF 和图片（.png、.jpg、.jpeg、.tif、.tiff），不超过 {limit} MB；扫描件要文字识别，需几秒钟。',
    'Text (.txt), PDF and images (.png, .jpg, .jpeg, .tif, .tiff), up to {limit} MB; scans need a few seconds of OCR.',
  ],
  refusedFormat: [
    '不支持“{name}”的格式：请上传上面所列格式的文件。',
    '“{name}” is not a format xuke reads: upload one of the formats listed above.',
  ],
  refusedSize: [
    '“{name}”有 {size} MB，超过 {limit} MB 的上限。',
    '“{name}” is {size} MB, over the {limit} MB limit.',
  ],
  refusedEmpty: ['“{name}”是空文件。', '“{name}” is empty.'],
  uploading: ['正在上传“{name}”…', 'Uploading “{name}”…'],
  reading: ['正在读取“{name}”…', 'Reading “{name}”…'],
  readingHint: [
    '扫描件要文字识别，通常几秒到几十秒。已用 {s} 秒。',
    'Scans need OCR: usually a few seconds to a minute. {s} s so far.',
  ],
  cancel: ['取消', 'Cancel'],
  ready: ['已读出“{name}”，请核对下面的字段。', 'Read “{name}”; check the fields below.'],
  failedFile: ['“{name}”未能读取。', '“{name}” could not be read.'],
  cancelled: ['已取消。', 'Cancelled.'],
});

type Phase =
  | { readonly kind: 'idle'; readonly cancelled?: boolean }
  | { readonly kind: 'refused'; readonly file: File; readonly reason: 'format' | 'size' | 'empty' }
  | { readonly kind: 'sending'; readonly file: File; readonly progress: number | null }
  | { readonly kind: 'reading'; readonly file: File; readonly since: number }
  | { readonly kind: 'job'; readonly file: File; readonly job: JobView }
  | { readonly kind: 'failed'; readonly file: File; readonly error: unknown }
  | { readonly kind: 'review'; readonly file: File; readonly result: DocumentResult };

const INPUT_ID = 'upload-file';
const MB = 1024 * 1024;
const LIMIT_MB = MAX_DOCUMENT_BYTES / MB;

export default function Upload() {
  const t = useT(m);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);
  // the input was replaced by the progress while sending: give it the focus back on failure
  useEffect(() => {
    if (phase.kind === 'failed') inputRef.current?.focus();
  }, [phase.kind]);

  const start = async (file: File) => {
    controllerRef.current?.abort();
    const reason = refuseFile(file);
    if (reason !== null) {
      setPhase({ kind: 'refused', file, reason });
      // the same file chosen again (renamed, converted) must still change the input
      if (inputRef.current !== null) inputRef.current.value = '';
      return;
    }
    const controller = new AbortController();
    controllerRef.current = controller;
    setPhase({ kind: 'sending', file, progress: null });
    try {
      const result = await readDocument(file, {
        signal: controller.signal,
        onProgress: (fraction) => {
          setPhase((p) =>
            p.kind !== 'sending' || p.file !== file
              ? p
              : fraction >= 1
                ? { kind: 'reading', file, since: Date.now() }
                : { ...p, progress: fraction },
          );
        },
      });
      if (controller.signal.aborted) return;
      // 202: the server queued the reading; its job says when it is done
      setPhase(
        isJobView(result) ? { kind: 'job', file, job: result } : { kind: 'review', file, result },
      );
    } catch (error) {
      if (controller.signal.aborted) return;
      setPhase({ kind: 'failed', file, error });
    }
  };

  const choose = (files: FileList | null) => {
    const file = files?.[0];
    if (file !== undefined) void start(file);
  };

  const reset = (cancelled = false) => {
    controllerRef.current?.abort();
    controllerRef.current = null;
    setPhase({ kind: 'idle', cancelled });
    if (inputRef.current !== null) inputRef.current.value = '';
    setTimeout(() => inputRef.current?.focus(), 0);
  };

  const busy = phase.kind === 'sending' || phase.kind === 'reading' || phase.kind === 'job';
  /** the queued reading ended: its result is the answer a small document gets at once */
  const ended = (file: File, job: JobView) => {
    if (job.state === 'done')
      setPhase({ kind: 'review', file, result: job.result as DocumentResult });
    else if (job.state === 'cancelled') reset(true);
    else setPhase({ kind: 'failed', file, error: jobFailure(job) });
  };

  return (
    <div className="upload-page">
      <PageHeader title={t('title')} />
      {phase.kind !== 'review' && (
        <>
          <p>{t('intro')}</p>
          <div
            className={dragging ? 'upload-drop is-dragging' : 'upload-drop'}
            onDragOver={(e: DragEvent) => {
              e.preventDefault();
              if (!busy) setDragging(true);
            }}
            onDragLeave={() => {
              setDragging(false);
            }}
            onDrop={(e: DragEvent) => {
              e.preventDefault();
              setDragging(false);
              if (!busy) choose(e.dataTransfer.files);
            }}
          >
            {phase.kind === 'job' ? (
              <div className="upload-progress">
                <p className="upload-progress-label">{t('reading', { name: phase.file.name })}</p>
                <JobProgress
                  job={phase.job}
                  onEnd={(job) => {
                    ended(phase.file, job);
                  }}
                />
              </div>
            ) : busy ? (
              <Progress
                phase={phase}
                onCancel={() => {
                  reset(true);
                }}
              />
            ) : (
              <>
                <span className="upload-drop-icon" aria-hidden="true">
                  ⇪
                </span>
                <label htmlFor={INPUT_ID} className="upload-drop-label">
                  {t('fileLabel')}
                </label>
                <p id="upload-hint" className="hint">
                  {t('dropHint')} {t('formats', { limit: LIMIT_MB })}
                </p>
                <input
                  ref={inputRef}
                  id={INPUT_ID}
                  type="file"
                  accept={ACCEPT_ATTRIBUTE}
                  aria-describedby="upload-hint"
                  onChange={(e) => {
                    choose(e.target.files);
                  }}
                />
              </>
            )}
          </div>
        </>
      )}
      <div className="upload-status" role="status" aria-live="polite">
        {phase.kind === 'review' && (
          <p className="visually-hidden">{t('ready', { name: phase.file.name })}</p>
        )}
        {phase.kind === 'idle' && phase.cancelled === true && <p>{t('cancelled')}</p>}
      </div>
      {phase.kind === 'refused' && (
        <div className="notice notice-error" role="alert">
          <p>
            {phase.reason === 'format'
              ? t('refusedFormat', { name: phase.file.name })
              : phase.reason === 'size'
                ? t('refusedSize', {
                    name: phase.file.name,
                    size: (phase.file.size / MB).toFixed(1),
                    limit: LIMIT_MB,
                  })
                : t('refusedEmpty', { name: phase.file.name })}
          </p>
        </div>
      )}
      {phase.kind === 'failed' && (
        <>
          <p className="upload-failed-file">{t('failedFile', { name: phase.file.name })}</p>
          <DocumentError error={phase.error} />
        </>
      )}
      {phase.kind === 'review' && (
        <ReviewScreen
          key={phase.result.parse.source.sha256}
          file={phase.file}
          result={phase.result}
          onReset={() => {
            reset();
          }}
        />
      )}
    </div>
  );
}

/** Upload progress, then the server's reading (with the seconds it has taken so far). */
function Progress({
  phase,
  onCancel,
}: {
  phase: Extract<Phase, { kind: 'sending' | 'reading' }>;
  onCancel: () => void;
}) {
  const t = useT(m);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (phase.kind !== 'reading') return;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [phase.kind]);
  const name = phase.file.name;
  return (
    <div className="upload-progress">
      {/* only the phase is announced; the percentage and the seconds would be read out on every tick */}
      <p id="upload-progress-label" className="upload-progress-label" role="status">
        {phase.kind === 'reading' ? t('reading', { name }) : t('uploading', { name })}
      </p>
      {/* without a value while the size is unknown, and while the server reads */}
      <progress
        aria-labelledby="upload-progress-label"
        {...(phase.kind === 'sending' && phase.progress !== null && { value: phase.progress })}
      />
      <p className="hint">
        {phase.kind === 'reading'
          ? t('readingHint', { s: Math.max(0, Math.round((now - phase.since) / 1000)) })
          : phase.progress !== null
            ? `${String(Math.round(phase.progress * 100))}%`
            : t('formats', { limit: LIMIT_MB })}
      </p>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
