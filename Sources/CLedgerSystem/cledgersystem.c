#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
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
