// Plain words for what goes wrong with files: the file system's error codes and libvips's decoder messages
// ("vipspng: libpng read error", "Warning treated as error due to failOn setting") become one short phrase a user
// can act on. In core because it imports nothing, so that data (ImageFolder), io and cli share the one table.

/** File-system error codes, as a phrase. */
const CODES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'is a folder, not a file',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EEXIST: 'already exists',
};

/** libvips/sharp messages, by a pattern, as a phrase. The first that matches wins. */
const DECODER: readonly (readonly [RegExp, string])[] = [
  [/buffer is empty|empty file/i, 'the file is empty'],
  [/unsupported image format/i, 'not an image in a format augkit reads (PNG, JPEG, WebP, TIFF, GIF, AVIF)'],
  [
    /premature end|truncated|read error|corrupt|failOn|bogus|not enough data|unexpected end|crc error|invalid/i,
    'the file is truncated or corrupt',
  ],
  [/pixel limit/i, 'the image has more pixels than sharp decodes by default (268 megapixels)'],
];

/**
 * A short phrase for `error` from reading or writing a file: `permission denied`, `no space left on the device`,
 * `the file is truncated or corrupt` …; other messages are returned as they are, on one line.
 * @example plainFileError(Object.assign(new Error('EACCES: permission denied, open …'), { code: 'EACCES' }))
 *   // 'permission denied'
 */
export function plainFileError(error: unknown): string {
  const e = error as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code !== undefined && Object.hasOwn(CODES, code)) return CODES[code];
  const message = String(e?.message ?? error);
  for (const [pattern, phrase] of DECODER) if (pattern.test(message)) return phrase;
  return message.split('\n')[0];
}
