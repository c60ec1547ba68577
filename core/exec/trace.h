#pragma once
// What a front end sees of a forward pass: one event per executed node, with its output tensor.
// The fast path passes no sink and pays nothing.
#include "core/common/tensor_view.h"
#include "core/plan/execution_plan.h"

#include <string>
#include <vector>

namespace core {

enum class PhaseKind { Prefill, Decode };

struct Phase {
    PhaseKind kind = PhaseKind::Prefill;
    int step = 0; // decode step number (0 for prefill)
    std::string text() const { return kind == PhaseKind::Prefill ? "prefill" : "decode " + std::to_string(step); }
};

struct TraceEvent {
    int nodeIndex = 0;
    const PlanNode* node = nullptr;
    Phase phase;
    int posBegin = 0; // positions [posBegin, posEnd) processed by this pass
    int posEnd = 0;
    TensorView output; // valid only during the call; per-head nodes show that head's slice
};

class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void record(const TraceEvent& event) = 0;
};

// Keeps a copy of every event (CLI trace export, tests, stepping back in the UI).
struct RecordedEvent {
    int nodeIndex = 0;
    Phase phase;
    int posBegin = 0;
    int posEnd = 0;
    int rows = 0;
    int cols = 0;
    std::vector<float> values; // rows * cols, row-major
};

class RecordingSink : public TraceSink {
public:
    void record(const TraceEvent& e) override
    {
        m_events.push_back(
            { e.nodeIndex, e.phase, e.posBegin, e.posEnd, e.output.rows, e.output.cols, e.output.copy() });
    }
    const std::vector<RecordedEvent>& events() const { return m_events; }
    void clear() { m_events.clear(); }

private:
    std::vector<RecordedEvent> m_events;
};

} // namespace core
