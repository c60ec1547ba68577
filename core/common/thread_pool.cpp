#include "core/common/thread_pool.h"

#include <chrono>

namespace core {

ThreadPool& ThreadPool::instance()
{
    static ThreadPool pool;
    return pool;
}

ThreadPool::ThreadPool() { setThreadCount(int(std::thread::hardware_concurrency())); }

ThreadPool::~ThreadPool() { stopWorkers(); }

void ThreadPool::stopWorkers()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        ++m_generation;
        m_published.store(m_generation, std::memory_order_release);
    }
    m_wake.notify_all();
    for (auto& t : m_workers)
        t.join();
    m_workers.clear();
    m_stop = false;
}

void ThreadPool::setThreadCount(int n)
{
    n = std::max(1, std::min(n, 256));
    if (n == threadCount() && !m_workers.empty())
        return;
    stopWorkers();
    for (int i = 1; i < n; ++i)
        m_workers.emplace_back([this] { workerLoop(); });
}

void ThreadPool::runChunks(Job& job)
{
    for (int c = job.next.fetch_add(1, std::memory_order_relaxed); c < job.chunks;
         c = job.next.fetch_add(1, std::memory_order_relaxed)) {
        (*job.fn)(c);
        job.done.fetch_add(1, std::memory_order_release);
    }
}

void ThreadPool::workerLoop()
{
    std::uint64_t seen = 0;
    for (;;) {
        // Spin briefly first: decode issues products back to back, and a futex wake-up costs more than one.
        const auto spinUntil = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
        while (m_published.load(std::memory_order_acquire) == seen && std::chrono::steady_clock::now() < spinUntil)
            std::this_thread::yield();
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_generation != seen; });
            seen = m_generation;
            if (m_stop)
                return;
            job = m_job;
        }
        // The job stays alive while we hold it, even if its caller has returned: late helpers find nothing left.
        if (job && job->joined.fetch_add(1, std::memory_order_relaxed) < job->helpers)
            runChunks(*job);
    }
}

void ThreadPool::parallelFor(int chunks, int threads, const std::function<void(int)>& fn)
{
    const int helpers = std::min({ threads - 1, chunks - 1, int(m_workers.size()) });
    if (helpers <= 0) {
        for (int c = 0; c < chunks; ++c)
            fn(c);
        return;
    }
    auto job = std::make_shared<Job>();
    job->fn = &fn;
    job->chunks = chunks;
    job->helpers = helpers;
    {
        std::lock_guard lock(m_mutex);
        m_job = job;
        ++m_generation;
        m_published.store(m_generation, std::memory_order_release);
    }
    m_wake.notify_all();
    runChunks(*job);
    // Only chunks already taken can still be running; wait for those.
    while (job->done.load(std::memory_order_acquire) < chunks)
        std::this_thread::yield();
    {
        std::lock_guard lock(m_mutex);
        if (m_job == job)
            m_job.reset();
    }
}

} // namespace core
