// How a transaction waits for a key lock another transaction holds
// (engine-internal; installed as the TransactionDB's mutex factory).
//
// RocksDB's lock manager waits on a condition variable per lock stripe and
// notifies it on every unlock. With the default one, a waiter always goes
// to sleep in the kernel and the unlocking thread pays a futex wake-up:
// with one hot key written from two network threads that hand-off cost
// more than the commands. Locks on key-value keys are held for a few
// microseconds (one command and its commit), so a waiter here first spins
// for up to kSpin watching for the notification, and only then sleeps; an
// unlock with nobody asleep makes no system call. A sleeping waiter also
// gives up early when the thread's LockWaitCanceller (transaction.h) says
// so.
#pragma once

#include <chrono>
#include <memory>

#include <rocksdb/utilities/transaction_db_mutex.h>

namespace tetradb {

inline constexpr std::chrono::microseconds kLockSpin{10};

std::shared_ptr<rocksdb::TransactionDBMutexFactory> NewSpinningLockWaitFactory(
    std::chrono::microseconds spin = kLockSpin);

}  // namespace tetradb
