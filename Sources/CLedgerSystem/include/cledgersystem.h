#ifndef CLEDGERSYSTEM_H
#define CLEDGERSYSTEM_H

/// Flushes every file of the file system holding `fd` to stable storage (Linux syncfs(2)):
/// one device flush for the log, its index and its checkpoint together.
/// Returns 0, or -1 with errno set.
int ledger_syncfs(int fd);

#endif
