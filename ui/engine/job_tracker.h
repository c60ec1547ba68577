#pragma once
// Which answers from the worker thread still matter. Every request gets an id from one counter; starting a job
// supersedes the jobs it makes meaningless (a new model: everything; a new prompt: its passes and seeks; a new
// seek: the older seek), and an answer is accepted only while its job is current. The one place stale results are
// dropped (KDAB hotspot's JobTracker is the model).
#include <QtGlobal>

#include <array>
#include <atomic>

namespace ui {

class JobTracker {
public:
    enum class Kind {
        Load, // a model
        Prompt, // the stepper's context (its pass)
        Seek, // the stepper's cursor
        DecodingContext, // the decoding views' prompt
        Decoding, // an action of the decoding views (generate, sample, beam, compare, ...)
        Inspect, // a look into the stepper's pass that moves no cursor (a FlashAttention walk)
        Analysis, // an interpretability analysis of the prompt (lens, attribution, head detectors)
        Quantization, // the model compared with another file of it (ui/quantization/)
        Count
    };

    // A new job of `kind`: its id, after superseding the jobs `kind` makes meaningless.
    quint64 start(Kind kind)
    {
        const quint64 id = m_next++;
        const unsigned mask = supersededBy(kind);
        for (std::size_t k = 0; k < std::size_t(Kind::Count); ++k)
            if (mask & (1u << k))
                m_validFrom[k] = id;
        return id;
    }
    // An answer of job `id` about `kind` is still wanted.
    bool isCurrent(quint64 id, Kind kind) const { return id >= m_validFrom[std::size_t(kind)].load(); }
    // Read from the worker thread: jobs of `kind` below this id may stop at their next step.
    const std::atomic<quint64>& validFrom(Kind kind) const { return m_validFrom[std::size_t(kind)]; }

private:
    static constexpr unsigned bit(Kind k) { return 1u << unsigned(k); }
    // The kinds whose older jobs a new job of `kind` makes meaningless.
    static constexpr unsigned supersededBy(Kind kind)
    {
        switch (kind) {
        case Kind::Load:
            return bit(Kind::Load) | bit(Kind::Prompt) | bit(Kind::Seek) | bit(Kind::DecodingContext)
                | bit(Kind::Decoding) | bit(Kind::Inspect) | bit(Kind::Analysis) | bit(Kind::Quantization);
        case Kind::Prompt:
            return bit(Kind::Prompt) | bit(Kind::Seek) | bit(Kind::Inspect);
        case Kind::Inspect:
            return bit(Kind::Inspect);
        case Kind::Quantization:
            return bit(Kind::Quantization);
        case Kind::Seek:
            return bit(Kind::Seek);
        case Kind::DecodingContext:
            return bit(Kind::DecodingContext) | bit(Kind::Decoding);
        default:
            return 0;
        }
    }

    quint64 m_next = 1;
    std::array<std::atomic<quint64>, std::size_t(Kind::Count)> m_validFrom {};
};

} // namespace ui
