/**
 * Webhooks: URLs that receive the deadline reminders as signed JSON POSTs. Add one (its signing
 * secret shown once), send a test and see what the receiver answered, delete one after a
 * confirmation.
 */
import { useId, useState } from 'react';
import { api, ApiError, call } from '../../api/client';
import { useData } from '../../api/use-data';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { InlineConfirm } from '../InlineConfirm';
import { formatTimestamp } from '../../format';
import { defineMessages, pick, useLang, useT } from '../../i18n';
import { NewSecret } from './NewSecret';
import { CreateForm, SettingsList } from './SettingsList';

const m = defineMessages(
  {
    caption: 'Webhook',
    named: '：{name}',
    url: '地址',
    description: '说明',
    created: '创建时间',
    actions: '操作',
    test: '测试发送',
    testing: '正在发送…',
    testOk: '测试成功：接收方答复 HTTP {status}。',
    testOkNoStatus: '测试成功。',
    testFailedStatus: '测试失败：接收方答复 HTTP {status}。',
    testFailedError: '测试失败：{error}。',
    testFailed: '测试失败，接收方没有给出答复。',
    delete: '删除',
    confirm: '确认删除',
    deleting: '正在删除…',
    confirmText: '删除后，{url} 将不再收到提醒。',
    deleted: '已删除 {url}。',
    none: '还没有 Webhook。',
    add: '添加 Webhook',
    newUrl: '接收地址（URL）',
    newUrlHint: '以 https:// 开头的地址；xuke 会向它 POST 提醒（JSON）。',
    newDescription: '说明（可选）',
    newDescriptionHint: '例如“合规部工单系统”。',
    submit: '添加',
    adding: '正在添加…',
    urlMissing: '请填写接收地址。',
    urlInvalid: '这不是有效的 http(s) 地址，例如 https://example.com/hooks/xuke。',
    secretLabel: '签名密钥：{url}',
    copy: '复制签名密钥',
    secretWarning: '签名密钥只显示这一次，请现在复制并配置到接收方。',
    secretHow:
      '每个提醒都带 X-Xuke-Timestamp（Unix 秒）和 X-Xuke-Signature: sha256=<HMAC-SHA256(密钥, "时间戳.原始请求体") 的十六进制> 请求头，接收方用它确认请求确实来自 xuke。',
    forbidden: '您的角色不能管理 Webhook（需要成员或管理员）。服务器拒绝了请求（403）。',
  },
  {
    caption: 'Webhooks',
    named: ': {name}',
    url: 'URL',
    description: 'Description',
    created: 'Created',
    actions: 'Actions',
    test: 'Send a test',
    testing: 'Sending…',
    testOk: 'Test delivered: the receiver answered HTTP {status}.',
    testOkNoStatus: 'Test delivered.',
    testFailedStatus: 'Test failed: the receiver answered HTTP {status}.',
    testFailedError: 'Test failed: {error}.',
    testFailed: 'Test failed; the receiver gave no answer.',
    delete: 'Delete',
    confirm: 'Confirm delete',
    deleting: 'Deleting…',
    confirmText: 'Once deleted, {url} receives no more reminders.',
    deleted: 'Deleted {url}.',
    none: 'No webhooks yet.',
    add: 'Add a webhook',
    newUrl: 'Receiving URL',
    newUrlHint: 'An https:// address; xuke POSTs reminders to it as JSON.',
    newDescription: 'Description (optional)',
    newDescriptionHint: 'e.g. “Compliance ticket system”.',
    submit: 'Add',
    adding: 'Adding…',
    urlMissing: 'Enter the receiving URL.',
    urlInvalid: 'This is not a valid http(s) address, e.g. https://example.com/hooks/xuke.',
    secretLabel: 'Signing secret: {url}',
    copy: 'Copy the signing secret',
    secretWarning: 'The signing secret is shown only this once: copy it now into the receiver.',
    secretHow:
      'Every reminder carries the headers X-Xuke-Timestamp (Unix seconds) and X-Xuke-Signature: sha256=<hex HMAC-SHA256(secret, "timestamp.raw body")>, by which the receiver knows it came from xuke.',
    forbidden:
      'Your role cannot manage webhooks (member or administrator needed). The server refused the request (403).',
  },
);

type TestState =
  | { state: 'running' }
  | {
      state: 'done';
      ok: boolean;
      status: number | null;
      /** what went wrong and what to do, in the server's words: English, zh-CN */
      error: string | null;
      errorZh: string | null;
    }
  | { state: 'failed'; error: unknown };

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function WebhooksSection() {
  const t = useT(m);
  const { lang } = useLang();
  const hooks = useData(['webhooks'], () => call(api.GET('/api/v1/webhooks')));
  const [tests, setTests] = useState<ReadonlyMap<string, TestState>>(new Map());
  const [confirming, setConfirming] = useState<string | null>(null);
  const deleting = useAction();
  const [message, setMessage] = useState('');

  if (hooks.error instanceof ApiError && hooks.error.status === 403) {
    return <p className="notice notice-info">{t('forbidden')}</p>;
  }

  function setTest(id: string, state: TestState) {
    setTests((prev) => new Map(prev).set(id, state));
  }

  async function test(id: string) {
    setTest(id, { state: 'running' });
    try {
      const result = await call(
        api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } }),
      );
      setTest(id, {
        state: 'done',
        ok: result.ok,
        status: result.status,
        error: result.error,
        errorZh: result.errorZh,
      });
    } catch (e) {
      setTest(id, { state: 'failed', error: e });
    }
  }

  const remove = (id: string, url: string) =>
    deleting.run(async () => {
      await call(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));
      setConfirming(null);
      setMessage(t('deleted', { url }));
      await hooks.mutate();
    });

  function testText(state: TestState | undefined): string {
    if (state === undefined) return '';
    if (state.state === 'running') return t('testing');
    if (state.state === 'failed') return '';
    if (state.ok) {
      return state.status === null ? t('testOkNoStatus') : t('testOk', { status: state.status });
    }
    // the server says what went wrong and what to do, in both languages
    const error = pick(lang, state.errorZh ?? state.error ?? '', state.error ?? '');
    if (error !== '') return t('testFailedError', { error });
    return state.status === null
      ? t('testFailed')
      : t('testFailedStatus', { status: state.status });
  }

  return (
    <>
      <SettingsList
        read={hooks}
        message={message}
        failure={deleting.failure}
        none={t('none')}
        caption={t('caption')}
        columns={[t('url'), t('description'), t('created'), t('actions')]}
        row={(hook) => {
          const state = tests.get(hook.id);
          const outcome = state?.state === 'done' ? (state.ok ? 'ok' : 'error') : state?.state;
          return (
            <tr key={hook.id}>
              <th scope="row" className="mono settings-url">
                {hook.url}
              </th>
              <td>{hook.description === '' ? '—' : hook.description}</td>
              <td>{formatTimestamp(hook.createdAt, lang)}</td>
              <td className="settings-actions">
                {confirming === hook.id ? (
                  <InlineConfirm
                    className="settings-confirm"
                    confirm={t('confirm')}
                    item={hook.url}
                    busy={deleting.busy}
                    busyText={t('deleting')}
                    danger
                    onConfirm={() => {
                      void remove(hook.id, hook.url);
                    }}
                    onCancel={() => {
                      setConfirming(null);
                    }}
                  >
                    <p>{t('confirmText', { url: hook.url })}</p>
                  </InlineConfirm>
                ) : (
                  <div className="settings-buttons">
                    <button
                      type="button"
                      disabled={state?.state === 'running'}
                      onClick={() => {
                        void test(hook.id);
                      }}
                      aria-label={`${t('test')}${t('named', { name: hook.url })}`}
                    >
                      {t('test')}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setConfirming(hook.id);
                        setMessage('');
                      }}
                      aria-label={`${t('delete')}${t('named', { name: hook.url })}`}
                    >
                      {t('delete')}
                    </button>
                  </div>
                )}
                <p
                  className={`settings-test${outcome === undefined ? '' : ` test-${outcome}`}`}
                  role="status"
                  aria-live="polite"
                >
                  {testText(state)}
                </p>
                {state?.state === 'failed' && <ErrorNotice error={state.error} />}
              </td>
            </tr>
          );
        }}
      />
      <AddWebhook
        onAdded={async () => {
          setMessage('');
          await hooks.mutate();
        }}
      />
    </>
  );
}

function AddWebhook({ onAdded }: { onAdded: () => Promise<void> }) {
  const t = useT(m);
  const ids = {
    url: useId(),
    urlHint: useId(),
    desc: useId(),
    descHint: useId(),
  };
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [invalid, setInvalid] = useState<'urlMissing' | 'urlInvalid' | null>(null);
  const adding = useAction();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);

  async function submit() {
    const value = url.trim();
    const problem = value === '' ? 'urlMissing' : isHttpUrl(value) ? null : 'urlInvalid';
    setInvalid(problem);
    if (problem !== null) {
      adding.clearFailure();
      return;
    }
    await adding.run(async () => {
      const result = await call(
        api.POST('/api/v1/webhooks', { body: { url: value, description: description.trim() } }),
      );
      setCreated({ url: result.url, secret: result.secret });
      setUrl('');
      setDescription('');
      await onAdded();
    });
  }

  return (
    <CreateForm
      title={t('add')}
      created={
        created !== null && (
          <NewSecret
            label={t('secretLabel', { url: created.url })}
            value={created.secret}
            copyLabel={t('copy')}
            onDismiss={() => {
              setCreated(null);
            }}
          >
            <p>
              <strong>{t('secretWarning')}</strong>
            </p>
            <p>{t('secretHow')}</p>
          </NewSecret>
        )
      }
      action={adding}
      submit={t('submit')}
      busyText={t('adding')}
      onSubmit={submit}
    >
      <div className="field">
        <label htmlFor={ids.url}>{t('newUrl')}</label>
        <input
          id={ids.url}
          type="url"
          inputMode="url"
          value={url}
          required
          maxLength={2000}
          spellCheck={false}
          autoComplete="off"
          placeholder="https://"
          aria-invalid={invalid !== null}
          aria-describedby={invalid === null ? ids.urlHint : `${ids.urlHint} ${ids.url}-error`}
          onChange={(e) => {
            setUrl(e.currentTarget.value);
          }}
        />
        <p id={ids.urlHint} className="hint">
          {t('newUrlHint')}
        </p>
        <FieldError id={`${ids.url}-error`} text={invalid === null ? undefined : t(invalid)} />
      </div>
      <div className="field">
        <label htmlFor={ids.desc}>{t('newDescription')}</label>
        <input
          id={ids.desc}
          value={description}
          maxLength={200}
          aria-describedby={ids.descHint}
          onChange={(e) => {
            setDescription(e.currentTarget.value);
          }}
        />
        <p id={ids.descHint} className="hint">
          {t('newDescriptionHint')}
        </p>
      </div>
    </CreateForm>
  );
}
