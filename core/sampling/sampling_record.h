#pragma once
// What one run of the sampling pipeline did, cheap enough to make on every slider move (O(vocab) copies, no
// per-stage vocabulary vectors), yet able to answer "what was token t's logit / probability / fate after stage s"
// for every token of the vocabulary:
//
//   input logits (vocab,)    as the model gave them
//   removedAt    (vocab,)    the column that removed each token (0 = survived to the draw)
//   columns      (stages+1,) column 0 = the input, column s = after the s-th stage of the order: its setting, the
//                            logits it changed (sparse), the softmax reference and total of the survivors
//
// A cell's logit is replayed from the input through the sparse changes and the temperature division; its
// probability is fastExp(logit - reference) / total of that column, the same arithmetic as the run itself.
#include "core/sampling/sampling_parameters.h"
#include "core/sampling/stage_kind.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace core {

struct StageColumn {
    std::string name; // "input" or the stage name ("top_k")
    std::optional<SamplerStageKind> kind; // empty for the input column
    std::string setting; // the parameter as a header shows it: "k = 40", "off"
    std::string note; // extra fact from the stage, e.g. "entropy 2.31 nats"
    size_t kept = 0; // candidates alive after this column
    size_t removed = 0; // candidates this stage removed
    float reference = 0.0f; // probabilities: fastExp(logit - reference) / total
    double total = 0.0;
    float temperature = 1.0f; // the divisor a temperature column applied (1 elsewhere, 0 = greedy)
    std::vector<std::pair<int32_t, float>> changes; // (token, logit after this stage), by token id
};

struct StageCell {
    float logit = 0.0f; // the token's logit after this column (for a removed token: what it would be)
    double probability = 0.0; // in this column's distribution; 0 once removed
    bool kept = true; // alive after this column
    bool removedHere = false; // this column's stage removed it
};

struct SamplingTableRow {
    int32_t token = 0;
    std::vector<StageCell> cells; // (columns,)
    std::vector<double> cumulative; // (columns,) running sum of probability down the rows, per column
};

// One row per token, one cell per column: the probability table of the UI and the CLI's --json.
struct SamplingTable {
    std::string order; // "hf", "llama.cpp", "custom"
    std::vector<std::string> columns; // "input", stage names...
    std::vector<std::string> settings; // (columns,)
    std::vector<SamplingTableRow> rows; // best first
    int32_t chosenToken = -1;
    double chosenProbability = 0.0;
    double uniform = 0.0;
};

class SamplingRecord {
public:
    int vocabSize() const { return int(m_inputLogits.size()); }
    const std::vector<float>& inputLogits() const { return m_inputLogits; } // (vocab,) as the model gave them
    const std::string& orderName() const { return m_orderName; }
    std::vector<std::string> stageNames() const; // the stages in order, without "input"
    const SamplingParameters& parameters() const { return m_parameters; }
    const std::vector<StageColumn>& columns() const { return m_columns; } // [0] = input, [s] = after stage s

    double uniform() const { return m_uniform; } // the random number of the draw, in [0, 1)
    int32_t chosenToken() const { return m_chosenToken; }
    double chosenProbability() const { return m_chosenProbability; } // in the final distribution

    float logitAt(int32_t token, size_t column) const;
    StageCell cell(int32_t token, size_t column) const;
    size_t removedAtColumn(int32_t token) const { return m_removedAt[token]; } // 0 = survived to the draw

    // The rows of the table: the best `count` tokens by their logit after the last column (the ranking the cuts
    // see; removed tokens keep their place), plus the chosen token when it is not among them.
    std::vector<int32_t> topTokens(size_t count) const;
    SamplingTable table(size_t count) const;
    // { order, stages, parameters, columns: [{name, setting, note, kept, removed}], uniform, chosen: {token,
    //   probability}, top: [{token, cells: [{logit, p, cum, kept}]}] }
    nlohmann::json toJson(size_t topCount = 10) const;

private:
    friend class SamplingPipeline;

    std::string m_orderName;
    SamplingParameters m_parameters;
    std::vector<float> m_inputLogits; // (vocab,)
    std::vector<uint8_t> m_removedAt; // (vocab,)
    std::vector<StageColumn> m_columns; // (stages + 1,)
    double m_uniform = 0.0;
    int32_t m_chosenToken = -1;
    double m_chosenProbability = 0.0;
};

} // namespace core
