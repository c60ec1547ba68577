#pragma once
// The threads the kernels share. parallelFor hands out chunks from an atomic counter; the calling thread works
// too, and only waits for chunks someone actually started. A helper thread that is slow to wake (another process
// holds its core) just finds nothing left to do, so a busy machine slows a product down instead of stalling it at
// a barrier, which is what fork-join runtimes such as OpenMP do.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace core {

class ThreadPool {
public:
    static ThreadPool& instance();

    // Total threads that work on a parallelFor, the caller included (>= 1).
    void setThreadCount(int n);
    int threadCount() const { return int(m_workers.size()) + 1; }

    // Calls fn(chunk) for chunk in [0, chunks), spread over at most `threads` threads (the caller included).
    void parallelFor(int chunks, int threads, const std::function<void(int)>& fn);

    ~ThreadPool();

private:
    struct Job {
        const std::function<void(int)>* fn = nullptr;
        int chunks = 0;
        int helpers = 0; // how many pool threads may join
        std::atomic<int> next { 0 };
        std::atomic<int> joined { 0 };
        std::atomic<int> done { 0 };
    };
    ThreadPool();
    void workerLoop();
    static void runChunks(Job& job);
    void stopWorkers();

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::shared_ptr<Job> m_job; // the current job (guarded by m_mutex)
    std::uint64_t m_generation = 0; // bumped per job (guarded by m_mutex)
    std::atomic<std::uint64_t> m_published { 0 }; // same, readable without the lock for spinning
    bool m_stop = false;
};

} // namespace core
