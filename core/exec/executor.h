#pragma once
// Runs an execution plan over a batch of positions: the whole prompt (prefill) or one new token against the
// KV cache (decode). Either all at once (run) or one node at a time (step), so a front end can pause after any
// op. Both paths execute the same node code, so their results are bit-identical.
#include "core/exec/intervention.h"
#include "core/exec/kv_cache.h"
#include "core/exec/trace.h"
#include "core/model/model.h"
#include "core/plan/execution_plan.h"

#include <cstdint>
#include <span>
#include <vector>

namespace core {

enum class LogitRows { Last, All }; // the LM head on the last position only (generation) or on every position

// How a pass computes attention. Naive runs every per-head node (scores, mask, softmax, mix), so each can be
// inspected; Auto lets a long prefill use FlashAttention (ops/flash_attention.h): the scores node computes the
// head's output tile by tile and the mask, softmax and mix nodes of that head have nothing left to do.
enum class AttentionPath { Naive, Auto };
constexpr int kFlashMinPositions = 128; // Auto uses FlashAttention from this many query rows on

class Executor {
public:
    Executor(const Model& model, const ExecutionPlan& plan);

    // Prepares a pass over `tokens` at positions [cache.length(), cache.length() + T). Validates the ids and the
    // room left in the cache (throws core::Error); buffers grow here, never inside a step.
    void begin(std::span<const std::int32_t> tokens, KvCache& cache, Phase phase, LogitRows rows = LogitRows::Last);
    // Executes the node at the cursor and reports it to the sink (if any). Commits the cache after the last node.
    void step(TraceSink* sink = nullptr);
    // Executes every remaining node.
    void run(TraceSink* sink = nullptr);
    // For the passes begun from now on (the fast path's users choose Auto; the stepper and traces keep Naive).
    void setAttentionPath(AttentionPath path) { m_attentionPath = path; }
    bool flashThisPass() const { return m_flash; } // the running pass uses FlashAttention

    // Checkpoint and recompute (core/exec/stepper.h): at a node that starts a layer (or the final norm), the
    // residual stream x (T, dim) and the KV cache are all the state the nodes after it read. residual() is that
    // x now; rewind() puts a saved x back and moves the cursor to `cursor`, so stepping again recomputes the same
    // nodes bit for bit.
    TensorView residual() const;
    void rewind(int cursor, const std::vector<float>& residual);

    // Interventions for the passes from now on (core/exec/intervention.h); validated and bound to the plan here
    // (throws core::Error naming the bad entry). An empty list (the default) changes nothing.
    void setInterventions(InterventionList list);
    const InterventionList& interventions() const { return m_hook.list(); }
    // The list with this run's state in it (InterventionHook::resolved): hand it to the executors that decode on
    // from this one's prompt pass.
    InterventionList resolvedInterventions() const { return m_hook.resolved(); }

    bool finished() const { return m_cursor >= int(m_plan.size()); }
    int cursor() const { return m_cursor; }
    int positions() const { return m_T; }
    int positionBegin() const { return m_pos0; }
    const Phase& phase() const { return m_phase; }
    const ExecutionPlan& plan() const { return m_plan; }
    const Model& model() const { return m_model; }
    const KvCache* cache() const { return m_cache; } // the cache of the running pass

    // The output of a node as it is now in the buffers (meaningful right after that node ran).
    TensorView outputOf(int nodeIndex) const;
    // (R, vocab) logits / probabilities of the finished pass; R = 1 or T.
    TensorView logits() const;
    TensorView probs() const;

    // Bytes of activation buffers held (what this engine needs besides weights and the KV cache).
    std::uint64_t workspaceBytes() const;

    // For batched decode (core/exec/batch_decoder.h), which computes the matrix products of several executors in
    // one pass over the weights: when the node at the cursor is a product (Linear, LmHead), the weight, the rows
    // it reads and the rows it writes; skipProduct() then moves past it as step() would (the interventions
    // applied to the output written there, no trace event).
    bool atProduct() const;
    const LinearWeight& productWeight() const;
    ConstMatRef productInput();
    MatMap productOutput();
    void skipProduct();
    int threads() const { return m_threads; } // threads this pass's products use

private:
    // Buffers are aligned to Eigen's widest packet: vectorised reductions then sum in the same order in every
    // executor, which is what makes results bit-identical between runs and between step() and run().
    struct Buffer {
        std::vector<float, Eigen::aligned_allocator<float>> data;
        int rows = 0;
        int cols = 0;
    };
    void shape(BufferId id, int rows, int cols);
    MatMap map(BufferId id);
    void execute(const PlanNode& node);
    TensorView viewOf(const PlanNode& node) const;
    MatMap headSlice(BufferId id, int head);
    MatMap mutableViewOf(const PlanNode& node);
    ConstMatMap cacheOf(BufferId id, int layer, int kvHead) const;
    void storeKv(int layer, ConstMatRef k, ConstMatRef v);
    void concatHeads(MatRef attn, BufferId heads);

    const Model& m_model;
    const ExecutionPlan& m_plan;
    std::vector<Buffer> m_buffers; // indexed by BufferId
    std::vector<std::int32_t> m_tokens;
    KvCache* m_cache = nullptr;
    Phase m_phase;
    int m_T = 0;
    int m_pos0 = 0;
    int m_ctx = 0;
    int m_logitRows = 1;
    int m_cursor = 0;
    int m_threads = 1; // for the matrix products of this pass
    InterventionHook m_hook;
    AttentionPath m_attentionPath = AttentionPath::Naive;
    bool m_flash = false; // this pass uses FlashAttention (Auto and a long prefill)
};

// Use `n` threads for the kernels (core::ThreadPool); 0 = all cores.
void setThreadCount(int n);
int threadCount();

} // namespace core
