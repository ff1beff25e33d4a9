/** UI strings of the desk client (status, messages, the connect dialog), zh-CN first. */
import { language } from '../i18n/i18n';

const zhCN = {
  deskOnline: '已连接版面服务器',
  deskOffline: '未连接版面服务器，正在重连…',
  deskConnecting: '正在连接版面服务器…',
  deskUsers: '在线',
  deskOnPage: '第{n}版',
  deskLost: '您的修改未被版面服务器接受',
  deskLostKept: '您输入的文字已保留',
  deskError: '版面服务器',
  deskHeldBy: '签出：',
  deskCheckin: '签入',
  deskCheckinHint: '交还这篇稿件，让别人可以修改',
  deskConnectTitle: '连接版面服务器',
  deskUrl: '服务器地址',
  deskEdition: '版次',
  deskUser: '用户名',
  deskToken: '令牌',
  deskConnect: '连接',
  deskCancel: '取消',
};

type DeskStringKey = keyof typeof zhCN;

const en: Record<DeskStringKey, string> = {
  deskOnline: 'Connected to the desk',
  deskOffline: 'Not connected to the desk; reconnecting…',
  deskConnecting: 'Connecting to the desk…',
  deskUsers: 'Online',
  deskOnPage: 'p. {n}',
  deskLost: 'The desk did not take your change',
  deskLostKept: 'Your text is kept',
  deskError: 'Desk',
  deskHeldBy: 'Checked out: ',
  deskCheckin: 'Check in',
  deskCheckinHint: 'Give this story back so that others can edit it',
  deskConnectTitle: 'Connect to a desk',
  deskUrl: 'Desk URL',
  deskEdition: 'Edition',
  deskUser: 'User',
  deskToken: 'Token',
  deskConnect: 'Connect',
  deskCancel: 'Cancel',
};

export type { DeskStringKey };

/** Who is where, as the status bar says it: `sub1（第3版）` (page index 2), or the name alone when the page is unknown. */
export function userOnPage(user: string, page: number | undefined): string {
  if (page === undefined) return user;
  const where = dt('deskOnPage').replace('{n}', String(page + 1));
  return language() === 'zh-CN' ? `${user}（${where}）` : `${user} (${where})`;
}

/** One desk string in the current language. */
export function dt(key: DeskStringKey): string {
  return (language() === 'zh-CN' ? zhCN : en)[key];
}
