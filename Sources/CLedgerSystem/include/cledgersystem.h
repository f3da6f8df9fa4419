#ifndef CLEDGERSYSTEM_H
#define CLEDGERSYSTEM_H

/// Writes the dirty pages of `length` bytes at `offset` of `fd` to the device and waits
/// until the device has them (Linux sync_file_range(2) with WAIT_BEFORE, WRITE and
/// WAIT_AFTER; a `length` of 0 means to the end of the file). It neither writes metadata
/// nor flushes the device's write cache: a later flush does that. Elsewhere, fsync(2).
/// Returns 0, or -1 with errno set.
int ledger_write_out(int fd, long long offset, long long length);

/// Starts writing the dirty pages of `length` bytes at `offset` of `fd` to the device
/// without waiting (Linux sync_file_range(2) with WRITE only); elsewhere does nothing.
/// Returns 0, or -1 with errno set.
int ledger_start_write_out(int fd, long long offset, long long length);

/// fdatasync(2) where there is one, else fsync(2): the file's data and the metadata needed
/// to read it back, then a device flush. Returns 0, or -1 with errno set.
int ledger_data_sync(int fd);

/// 1 when the file system holding `fd` writes an overwrite of allocated blocks in place,
/// needing no metadata (ext2, ext3, ext4); 0 when it may copy blocks on write (btrfs,
/// XFS with reflinks, ZFS, bcachefs), is unknown, or cannot be asked.
int ledger_overwrites_in_place(int fd);

/// Opens a new, nameless file for reading and writing in `directory`, which vanishes when
/// closed, even after a crash (Linux O_TMPFILE; elsewhere, or where the file system
/// refuses it, a file made with mkstemp(3) and unlinked at once). Returns the descriptor,
/// or -1 with errno set.
int ledger_scratch_file(const char *directory);

/// The size in bytes of the file open as `fd`, or -1 with errno set. Asks for the size
/// alone (Linux statx(2) with STATX_SIZE; elsewhere fstat(2)), so that the file's times are
/// not marked as read: since Linux 6.13, reading them makes the next write update them at
/// fine grain, which dirties the inode on every append.
long long ledger_file_size(int fd);

/// The size in bytes of the file open as `fd` and the time of its last change of content
/// or status (ctime, which no user-level call can set back) in nanoseconds since the epoch,
/// through `size` and `changed`. Returns 0, or -1 with errno set. Reading the change time
/// makes the file's next write update its times at fine grain (Linux 6.13 and later): ask
/// it only of a file whose next write changes its inode anyway, like a log's append.
int ledger_file_size_and_change(int fd, long long *size, long long *changed);

#endif
