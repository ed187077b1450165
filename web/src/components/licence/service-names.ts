/**
 * Names of the catalogue codes the search offers (《电信业务分类目录（2015年版）》 and its 2019
 * amendment; src/core/catalogue.ts holds the whole catalogue, which the UI does not load).
 */
import type { Lang } from '../../i18n';

const NAMES: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  B11: ['互联网数据中心业务', 'Internet data centre (IDC)'],
  B12: ['内容分发网络业务', 'Content delivery network (CDN)'],
  B13: ['国内互联网虚拟专用网业务', 'Domestic IP-VPN'],
  B14: ['互联网接入服务业务', 'Internet access (ISP)'],
  B21: ['在线数据处理与交易处理业务', 'Online data and transaction processing'],
  B22: ['国内多方通信服务业务', 'Domestic multi-party communication'],
  B23: ['存储转发类业务', 'Store-and-forward'],
  B24: ['呼叫中心业务', 'Call centre'],
  B25: ['信息服务业务', 'Information services'],
  B26: ['编码和规程转换业务', 'Coding and protocol conversion'],
  'A12-4': ['第五代数字蜂窝移动通信业务', '5G digital cellular mobile'],
};

/** The name of a catalogue code in the language, or undefined when the UI does not know it. */
export function serviceName(code: string, lang: Lang): string | undefined {
  const names = NAMES[code];
  return names === undefined ? undefined : names[lang === 'zh' ? 0 : 1];
}
