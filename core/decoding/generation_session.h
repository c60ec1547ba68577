#pragma once
// A generation: the model, the token sequence, the KV cache and the parameters. Prefill runs the prompt at
// once; then each decode step samples the next token from the current logits (recording every sampler stage),
// checks the stop conditions, and runs that one token's forward pass against the KV cache.
//
//   GenerationSession s(model, &tokenizer);
//   s.setSampling(params, StageOrder::huggingFace());
//   s.setOptions({ .maxNewTokens = 32, .stopSequences = { "\n\n" } });
//   s.start(prompt);
//   while (!s.finished()) s.step();
//   s.text(); s.stopReason(); s.metrics();
//
// The UI re-runs the sampler on the same logits as sliders move (resample(), no forward pass), draws again with
// a fresh random number (drawAgain()), and steps back (stepBack()) over the recorded steps.
#include "core/decoding/run_metrics.h"
#include "core/decoding/stop_reason.h"
#include "core/exec/executor.h"
#include "core/model/model_config.h"
#include "core/sampling/random_source.h"
#include "core/sampling/sampling_pipeline.h"

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace core {

class Tokenizer;

struct GenerationOptions {
    int maxNewTokens = 64; // >= 0
    std::vector<std::string> stopSequences {}; // matched on the decoded text, across token boundaries
    bool stopAtEos = true; // false: generate through end-of-sequence tokens
    std::vector<std::int32_t> extraEosIds {}; // added to the model's and the tokenizer's
    // Full sampling records (O(vocab) each: ~0.75 MB at a 151k vocabulary) are kept for the most recent N
    // generated tokens only, so a long run stays bounded; stepping back past them recomputes the distribution
    // with one forward pass instead of restoring it.
    int recordHistory = 64; // >= 1
};

struct GeneratedToken {
    std::int32_t id = 0;
    std::string piece; // display form
    double probability = 0; // in the final sampling distribution
    double modelProbability = 0; // in the model's own distribution (softmax of the logits, before any stage)
    double seconds = 0; // sampling + this token's forward pass
    SamplingRecord record; // every stage's distribution at this step; empty (vocabSize() == 0) once the token
                           // is older than GenerationOptions::recordHistory
};

struct StopMatch {
    std::string sequence; // which stop sequence
    std::size_t begin = 0; // its byte span in the generated text (before trimming)
    std::size_t end = 0;
};

// The ids that end a sequence for this model: config / generation_config eos_token_id, the tokenizer's EOS, and
// special end-of-turn tokens (<|im_end|>, <|endoftext|>, <|eot_id|>, ...). Sampling and beam search share it.
std::set<std::int32_t> endOfSequenceIds(const Model& model, const Tokenizer* tokenizer);

// The sampling a model's generation_config.json asks for: do_sample = false is greedy (temperature 0), as in
// Hugging Face transformers; do_sample = true takes its temperature, top_k and top_p. Everything it does not state
// keeps SamplingParameters' "off" value.
SamplingParameters samplingDefaults(const ModelConfig& config);

class GenerationSession {
public:
    // `plan`: the model's compiled plan (a LoadedModel's), used by reference; without one the session compiles its own.
    GenerationSession(const Model& model, const Tokenizer* tokenizer, const ExecutionPlan* plan = nullptr);
    ~GenerationSession();

    // Validated here (throws core::Error naming the parameter).
    void setOptions(const GenerationOptions& options);
    void setSampling(const SamplingParameters& parameters, const StageOrder& order);
    const GenerationOptions& options() const { return m_options; }
    // Interventions (core/exec/intervention.h) for every forward pass from now on: ablated heads stay ablated
    // while generating. Validated here (throws core::Error naming the bad entry); set before start().
    void setInterventions(InterventionList list) { m_exec.setInterventions(std::move(list)); }
    const InterventionList& interventions() const { return m_exec.interventions(); }
    InterventionList resolvedInterventions() const { return m_exec.resolvedInterventions(); } // after start()
    const SamplingPipeline& pipeline() const { return m_pipeline; }

    // Prefill: the whole prompt at once (events to `sink` if given). Throws core::Error for an empty prompt,
    // an id outside the vocabulary, or a prompt longer than the context.
    void start(std::span<const std::int32_t> prompt, TraceSink* sink = nullptr);
    // Prefix caching: when nothing has been generated yet and `prompt` continues the current one, only the new
    // tokens are run (their keys and values join the cached ones) and the session is as if start(prompt) had been
    // called. Returns false (and changes nothing) when `prompt` does not continue the current context.
    bool extendPrompt(std::span<const std::int32_t> prompt, TraceSink* sink = nullptr);

    // One decode step: sample, then commit. Returns the new token.
    const GeneratedToken& step(TraceSink* sink = nullptr);
    // Sample the next token from the current logits with the current parameters (no forward pass); the same
    // random number is reused until the step is committed or drawAgain() is called.
    const SamplingRecord& resample();
    const SamplingRecord& drawAgain();
    // Append the sampled token, check the stop conditions, and (unless stopped) run its forward pass.
    const GeneratedToken& commit(TraceSink* sink = nullptr);
    // Batched decode (core/decoding/comparison.cpp runs several sessions as one batch): commit() without the new
    // token's forward pass. Unless the session stopped, the caller then runs tokens().back() against batchCache()
    // (as one sequence of a core::BatchDecoder step) and hands the logits to acceptLogits() before sampling again.
    const GeneratedToken& commitWithoutForward();
    KvCache& batchCache() { return *m_cache; }
    void acceptLogits(std::span<const float> logits); // (vocab,) of the pass commitWithoutForward() left out
    // Decode until a stop condition or `cancel`; onToken after each token.
    void runToEnd(
        const std::atomic<bool>* cancel = nullptr, const std::function<void(const GeneratedToken&)>& onToken = {});
    // Forget the last generated token (its logits and random number are restored: stepping forward again
    // gives the same token). Past the kept records the logits are recomputed by a decode pass of the token
    // before it, equal to the original to float rounding.
    void stepBack();

    bool started() const { return m_started; }
    bool finished() const { return m_stop != StopReason::None; }
    StopReason stopReason() const { return m_stop; }
    const StopMatch& stopMatch() const { return m_stopMatch; }
    std::int32_t eosHit() const { return m_eosHit; } // the EOS token that stopped the run, else -1
    const std::set<std::int32_t>& eosIds() const { return m_eosIds; }

    const std::vector<std::int32_t>& tokens() const { return m_tokens; } // prompt + generated
    int promptLength() const { return m_promptLength; }
    const std::vector<GeneratedToken>& generated() const { return m_generated; }
    std::string text() const; // generated text, a matched stop sequence and what follows removed
    std::string rawText() const { return m_text; }
    std::span<const float> logits() const { return m_logits; } // the distribution the next token comes from
    const SamplingRecord& pendingRecord() const { return m_record; }

    RunMetrics metrics() const;
    int forwardPasses() const { return m_forwardPasses; } // prefill counts as one
    const KvCache& cache() const { return *m_cache; }
    const ExecutionPlan& plan() const { return *m_plan; }
    const Model& model() const { return m_model; }

private:
    void forward(std::span<const std::int32_t> tokens, Phase phase, TraceSink* sink);
    const GeneratedToken& commitToken(TraceSink* sink, bool runForward);
    void checkStops(std::int32_t token);
    void collectEosIds();

    const Model& m_model;
    const Tokenizer* m_tokenizer;
    void resetRun();

    std::unique_ptr<ExecutionPlan> m_ownPlan; // when none was given
    const ExecutionPlan* m_plan;
    Executor m_exec;
    std::unique_ptr<KvCache> m_cache;
    SamplingPipeline m_pipeline;
    RandomSource m_random;
    GenerationOptions m_options;
    std::set<std::int32_t> m_eosIds;

    bool m_started = false;
    std::vector<std::int32_t> m_tokens;
    int m_promptLength = 0;
    std::vector<float> m_logits; // (vocab,) for the next token; a generated token's record keeps
                                 // the logits it was drawn from (for step back)
    std::vector<double> m_uniforms; // per step: the random number of its draw
    bool m_haveUniform = false;
    SamplingRecord m_record;
    std::vector<GeneratedToken> m_generated;
    std::string m_text;
    StopReason m_stop = StopReason::None;
    StopMatch m_stopMatch;
    std::int32_t m_eosHit = -1;

    int m_forwardPasses = 0;
    double m_prefillSeconds = 0;
    double m_firstTokenSeconds = 0;
    double m_pendingSampleSeconds = 0;
};

} // namespace core
