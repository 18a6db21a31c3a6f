// What a failed file-system call means, in words a user reads, instead of Node's error codes
// (ENOENT, EISDIR, ERR_FS_FILE_TOO_LARGE ...): "no such file", "is a directory".
const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for the file system',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the directory is not empty',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EIO: 'an input/output error',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EXDEV: 'it is on another file system',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EINVAL: 'the operation is not supported there',
  EOPNOTSUPP: 'the operation is not supported there',
  EAGAIN: 'the file is not ready (try again)',
  ERR_FS_FILE_TOO_LARGE: 'the file is larger than 2 GiB',
  ERR_STRING_TOO_LONG: 'the file is too large to read as text',
};

// "no such file or directory" for an ENOENT error; any other error's own first line.
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && WORDS[code]) return WORDS[code];
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages lead with the code ("EXYZ: something, open 'path'"): keep the words.
  return message.split('\n')[0].replace(/^[A-Z_]+: /, '').replace(/, \w+ '.*'$/, '');
}
