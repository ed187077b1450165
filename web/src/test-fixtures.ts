/**
 * What the web UI's component tests share: the seed licence as the API answers it, the demo
 * organisations, and a fetch the test answers. (The vitest setup file is test-setup.ts.)
 */
import { vi } from 'vitest';
import { forgetOrganisation, type Organisation } from './api/organisation';
import { setSession, type Session } from './session';
import type { StoredLicence } from './components/licence/types';
import type { Licence } from './components/review/review-api';

/**
 * The seed document 京B2-20180910 (fixtures/seed/jing-b2-20180910.txt) as the parser reads it, its
 * provisions after the second left out.
 */
export const SEED_LICENCE: Licence = {
  kind: 'vats',
  number: '京B2-20180910',
  holder: {
    name: '云智联网络科技（北京）有限公司',
    legalRepresentative: '李国杰',
    creditCode: null,
    address: null,
  },
  services: [
    {
      code: 'B25',
      name: '信息服务业务',
      qualifier: '仅限互联网信息服务',
      includes: ['文化'],
      excludes: ['信息搜索查询服务', '信息即时交互服务'],
      coverage: [],
    },
  ],
  issuer: null,
  issuedOn: '2022-09-05',
  validFrom: null,
  expiresOn: '2023-05-03',
  websites: [
    {
      name: '云智联产品主站1',
      domains: ['upliveapp.com'],
      serverLocation: '北京市朝阳区裕民路乙3号A座7层2机房',
      accessProvider: '腾讯云计算（北京）有限责任公司',
    },
  ],
  apps: [],
  facilities: [],
  provisions: [
    {
      id: '1',
      text: '你公司应当按照《中华人民共和国电信条例》、《互联网信息服务管理办法》等法律法规要求，严格执行电信网码号资源、业务资费、市场管理、服务质量、电信设备管理、设施建设和运行、安全生产及网络与信息安全等行业管理规定，履行维护国家安全和利益的义务，配合电信主管部门依法开展监督检查工作。',
      appliesTo: null,
    },
    {
      id: '2',
      text: '你公司应当按照许可的业务种类和业务覆盖范围，依法开展业务经营活动，不得经营或变相经营未经许可的其他电信业务，不得超越许可的业务覆盖范围开展经营活动。你公司应当在公司主要经营场所、网站首页、业务宣传手册等显著位置标明经营许可证编号。',
      appliesTo: null,
    },
  ],
  inspections: [],
  signatures: [
    {
      role: '司(局)负责人',
      name: '李国杰',
      date: null,
    },
    {
      role: '公司代表',
      name: null,
      date: '2018-06-06',
    },
  ],
};

/** A licence as GET /api/v1/licences/{number} answers it: the seed, stored once, and `fields`. */
export function storedLicence(fields: Partial<StoredLicence> = {}): StoredLicence {
  return {
    number: '京B2-20180910',
    status: 'valid',
    currentStatus: 'valid',
    provenance: 'declared',
    version: 1,
    createdAt: '2026-11-29T00:00:00Z',
    updatedAt: '2026-11-29T00:00:00Z',
    licence: SEED_LICENCE,
    ...fields,
  };
}

/** The demo holder, as GET /api/v1/organisations lists it. */
export const HOLDER_ORG: Organisation = {
  id: 'demo',
  name: '演示持证单位',
  kind: 'holder',
  jurisdiction: [],
  publishDeclared: false,
  mirrorOf: null,
  createdAt: '2026-11-01T00:00:00Z',
};

/** The demo issuing authority, as GET /api/v1/organisations lists it. */
export const AUTHORITY_ORG: Organisation = {
  ...HOLDER_ORG,
  id: 'demo-authority',
  name: '北京市通信管理局（演示）',
  kind: 'authority',
  jurisdiction: ['京'],
};

/**
 * Replace fetch with a mock the test answers. The API clients look fetch up at each call (one
 * Request each), so this may run after the imports.
 */
export function stubFetch() {
  const fetchMock = vi.fn<(request: Request) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** An answer in JSON; from 400 on a problem document (application/problem+json), as the server's. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

/** A person signed in, as GET /api/v1/session answers: 管理员 of the demo holder. */
export function session(fields: Partial<Session> = {}): Session {
  return {
    person: { id: 'u-admin', name: '管理员', email: 'admin@localhost', mobile: null },
    organisation: { id: 'demo', name: '演示持证单位', kind: 'holder' },
    role: 'admin',
    organisations: [
      { id: 'demo', name: '演示持证单位', role: 'admin' },
      { id: 'demo-authority', name: '北京市通信管理局（演示）', role: 'admin' },
    ],
    csrfToken: 'csrf-123',
    method: 'password',
    secondFactor: false,
    totpEnabled: false,
    passwordSet: true,
    instanceAdmin: false,
    createdAt: '2026-12-10T01:00:00Z',
    expiresAt: '2026-12-10T13:00:00Z',
    idleExpiresAt: '2026-12-10T03:00:00Z',
    ...fields,
  };
}

/**
 * Sign a person in for a test (the session the shell would have read), or nobody (null), and
 * forget the organisation read for another test.
 */
export function signIn(fields: Partial<Session> | null = {}): void {
  forgetOrganisation();
  setSession(fields === null ? null : session(fields));
}
