/**
 * A failed read or save of a document, in words: what went wrong for this kind of failure (too
 * large, wrong format, not a licence, no permission …), then the server's own explanation.
 */
import { ApiError } from '../../api/client';
import { commonWords, errorText } from '../common';
import { defineMessages, useLang, useT } from '../../i18n';
import { MAX_DOCUMENT_BYTES } from './review-api';

const m = defineMessages({
  s400: ['文件或提交的内容有误。', 'The file or the submitted data is not valid.'],
  s403: [
    '您没有此权限：读取文件需要读取权限，保存需要成员或管理员权限。',
    'You lack the permission: reading a file needs read access, saving needs member or admin.',
  ],
  s409: [
    '与许可证库中的记录冲突，请刷新后重试。',
    'This conflicts with the record in the registry; reload and try again.',
  ],
  s413: ['文件过大：不能超过 {limit} MB。', 'The file is too large: {limit} MB at most.'],
  s415: [
    '不支持这种文件格式：请上传上面所列格式的文件。',
    'This file format is not supported: upload one of the formats listed above.',
  ],
  s422: ['无法从这个文件读出许可证。', 'No licence could be read from this file.'],
  s429: ['请求过于频繁，请稍候一分钟再试。', 'Too many requests; wait a minute and try again.'],
});

const LEADS = [400, 403, 409, 413, 415, 422, 429] as const;

export function DocumentError({ error }: { error: unknown }) {
  const t = useT(m);
  const tc = useT(commonWords);
  const { lang } = useLang();
  const status = error instanceof ApiError ? error.status : null;
  const lead = LEADS.find((s) => s === status);
  const detail = errorText(error, lang, tc);
  return (
    <div className="notice notice-error" role="alert">
      {lead !== undefined && (
        <p>
          <strong>{t(`s${lead}`, { limit: MAX_DOCUMENT_BYTES / 1024 / 1024 })}</strong>
        </p>
      )}
      <p>{detail}</p>
    </div>
  );
}
