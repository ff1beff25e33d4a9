/**
 * Every code a failed {@link Result} can carry, each with the line a Chinese
 * UI shows for it. The codes are one union, so the compiler refuses a code
 * that is not here, whether it is made (`fail('NO_PATH', …)`) or compared
 * (`error.code === 'NO_PATH'`); a new failure adds its code and line here.
 *
 * A failure's own `messageZh` (decision 0011) says what happened to which
 * file; the line here says what kind of failure it is, for failures that
 * carry only an English `message`.
 */

/** Code → the line a zh-CN UI shows for it. */
export const HOST_ERROR_LINES = {
  // The request itself
  BAD_REQUEST: '请求无效',
  METHOD_NOT_ALLOWED: '请求方式不对',
  NOT_FOUND: '没有这个接口',
  FORBIDDEN: '拒绝访问',
  NO_TOKEN: '缺少访问令牌',
  BAD_TOKEN: '访问令牌不对',
  NOT_ALLOWED: '只能打开在对话框里选过的文件',
  NOT_AVAILABLE: '此处不提供这项功能',
  INTERNAL: '程序内部错误',
  NETWORK: '连不上版面服务',
  BAD_RESPONSE: '版面服务的回答无法理解',
  CANCELLED: '已取消',
  TIMEOUT: '超时',
  // Documents and files
  NO_SUCH_DOCUMENT: '没有这个文档（可能已关闭）',
  NO_SUCH_ASSET: '文档里没有这张图片',
  NO_PATH: '还没有保存位置',
  ENOENT: '找不到文件',
  NOT_A_FILE: '不是文件',
  IO_ERROR: '读写磁盘失败',
  READ_FAILED: '无法读取文件',
  OPEN_FAILED: '无法打开文件',
  WRITE_FAILED: '无法写入文件',
  EMPTY: '文件是空的',
  EMPTY_FILE: '文件是空的',
  TOO_LARGE: '文件太大',
  NOT_A_BANMIAN_FILE: '不是版面文件',
  UNSAFE_ENTRY: '版面文件里有不安全的条目',
  INVALID_FILE: '版面文件已损坏',
  UNSUPPORTED_VERSION: '版面文件的版本不受支持',
  INVALID_PAGE: '版面内容无效',
  INVALID_PAGES: '版面内容无效',
  INVALID_ASSET: '版面文件里的图片有问题',
  MISSING_ASSET: '缺少图片',
  DESK_ASSETS: '取不到版面服务器上的图片',
  // Copy intake
  BINARY: '不是文本文件',
  BAD_ENCODING: '无法识别文字编码',
  DOCX_DAMAGED: 'Word 文件已损坏',
  TOO_MANY_STORIES: '稿件太多',
  WORKER_FAILED: '稿件处理失败',
  // Images
  NOT_AN_IMAGE: '不是图片',
  UNSUPPORTED_IMAGE: '不支持这种图片格式',
  DAMAGED_IMAGE: '图片已损坏',
  BAD_IMAGE: '无法解码图片',
  // Export
  BAD_PROFILE: '输出配置文件不可用',
  NOTHING_TO_PRINT: '没有正在导出的版面',
  NO_CHROMIUM: '找不到 Chromium',
  NOT_BUILT: '程序还没有构建',
  PRINT_FAILED: '打印失败',
  PRINT_PAGE_COUNT: '打印出的页数不对',
  MIXED_PAPER: '各版纸张大小不一',
  PREFLIGHT_FAILED: '预检发现错误，未导出',
  BAD_PAGES: '版序选择无效',
  BAD_NAME: '分版文件名无效',
} as const satisfies Record<string, string>;

/** A failure's stable, machine-readable code. */
export type HostErrorCode = keyof typeof HOST_ERROR_LINES;

/** All codes, for validation (a web answer, a test). */
export const HOST_ERROR_CODES = Object.keys(HOST_ERROR_LINES) as readonly HostErrorCode[];

/** Whether a string is one of the codes. */
export function isHostErrorCode(code: unknown): code is HostErrorCode {
  return typeof code === 'string' && Object.hasOwn(HOST_ERROR_LINES, code);
}

/**
 * The line for a person: in zh-CN the failure's own `messageZh`, else the
 * code's line followed by the English detail; in English the message.
 */
export function hostErrorText(error: { code: HostErrorCode; message: string; messageZh?: string }, language: 'zh-CN' | 'en'): string {
  if (language !== 'zh-CN') return error.message;
  return error.messageZh ?? `${HOST_ERROR_LINES[error.code]}：${error.message}`;
}
