#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif
#include "cledgersystem.h"

int ledger_write_out(int fd, long long offset, long long length) {
#if defined(__linux__)
  return sync_file_range(
    fd, offset, length,
    SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
#else
  return fsync(fd);
#endif
}

int ledger_start_write_out(int fd, long long offset, long long length) {
#if defined(__linux__)
  return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
#else
  (void)fd;
  (void)offset;
  (void)length;
  return 0;
#endif
}

int ledger_data_sync(int fd) {
#if defined(__linux__)
  return fdatasync(fd);
#else
  return fsync(fd);
#endif
}

int ledger_overwrites_in_place(int fd) {
#if defined(__linux__)
  struct statfs info;
  if (fstatfs(fd, &info) != 0) return 0;
  // ext2, ext3 and ext4 share this magic number; none of them copies a block on write.
  return info.f_type == 0xEF53 ? 1 : 0;
#else
  (void)fd;
  return 0;
#endif
}

int ledger_scratch_file(const char *directory) {
#if defined(__linux__) && defined(O_TMPFILE)
  int fd = open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  // Without O_TMPFILE (or a file system that refuses it): a named file, unlinked at once.
  char path[4096];
  int written = snprintf(path, sizeof path, "%s/planledger-scratch-XXXXXX", directory);
  if (written < 0 || (size_t)written >= sizeof path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  int named = mkstemp(path);
  if (named < 0) return -1;
  unlink(path);
  fcntl(named, F_SETFD, FD_CLOEXEC);
  return named;
}

long long ledger_file_size(int fd) {
#if defined(__linux__) && defined(STATX_SIZE)
  struct statx info;
  if (statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &info) != 0) return -1;
  if (!(info.stx_mask & STATX_SIZE)) {
    errno = EIO;
    return -1;
  }
  return (long long)info.stx_size;
#else
  struct stat info;
  if (fstat(fd, &info) != 0) return -1;
  return (long long)info.st_size;
#endif
}

int ledger_file_size_and_change(int fd, long long *size, long long *changed) {
#if defined(__linux__) && defined(STATX_SIZE) && defined(STATX_CTIME)
  struct statx info;
  if (statx(fd, "", AT_EMPTY_PATH, STATX_SIZE | STATX_CTIME, &info) != 0) return -1;
  if ((info.stx_mask & (STATX_SIZE | STATX_CTIME)) != (STATX_SIZE | STATX_CTIME)) {
    errno = EIO;
    return -1;
  }
  *size = (long long)info.stx_size;
  *changed = (long long)info.stx_ctime.tv_sec * 1000000000LL + info.stx_ctime.tv_nsec;
  return 0;
#else
  struct stat info;
  if (fstat(fd, &info) != 0) return -1;
  *size = (long long)info.st_size;
#if defined(__APPLE__)
  *changed = (long long)info.st_ctimespec.tv_sec * 1000000000LL + info.st_ctimespec.tv_nsec;
#else
  *changed = (long long)info.st_ctim.tv_sec * 1000000000LL + info.st_ctim.tv_nsec;
#endif
  return 0;
#endif
}
