#pragma once
// The one small interface every sampler stage implements (the stages themselves are in stages/, one file each).
// A stage takes the candidate list and transforms it: changes logits (bias, penalties, temperature) and/or removes
// candidates (top-k, top-p, min-p, typical-p, greedy). The pipeline records what it did after every stage.
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_kind.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace core {

class CandidateList;
class RankSelector;

struct TokenCount {
    int32_t token;
    int32_t count;
};

// What a stage may read besides the candidates.
struct StageContext {
    const SamplingParameters& parameters;
    std::span<const TokenCount> window; // distinct tokens of the penalty window with their counts, by token id
    RankSelector& selector; // finds cut points without a full sort
    std::vector<float>& scratch; // a reusable buffer (typical-p keeps its scores here)
    std::string note = {}; // optional remark for the table, e.g. "entropy 2.31 nats"
};

class SamplerStage {
public:
    virtual ~SamplerStage() = default;

    virtual SamplerStageKind kind() const = 0;
    std::string_view name() const { return stageKindName(kind()); }
    // The parameter as a column header shows it: "T = 0.7", "k = 40", "off".
    virtual std::string describe(const SamplingParameters& parameters) const = 0;
    // Never throws: parameters were validated when they were set; the list always keeps at least one candidate.
    virtual void apply(CandidateList& candidates, StageContext& context) const = 0;
};

// The single (stateless) instance of each stage.
const SamplerStage& samplerStage(SamplerStageKind kind);

// "%g" formatting for the describe() strings.
std::string formatNumber(double value);

} // namespace core
